package io.drp.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The functional probe: the URL answers 2xx within the timeout. Redirects are not followed (a 3xx is not 2xx). */
public final class HttpProbe implements Probe {

    private final String name;
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public HttpProbe(String name, URI url, Duration timeout) {
        this.name = name;
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ProbeResult probe() {
        // the URL is printed without its query: a token there must not reach a log or a webhook
        String where = url.getScheme() + "://" + url.getAuthority() + (url.getPath() == null ? "" : url.getPath());
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            boolean ok = r.statusCode() / 100 == 2;
            return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, ok, where + " answered HTTP " + r.statusCode());
        } catch (HttpTimeoutException e) {
            return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, where + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, where + " unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, "interrupted");
        }
    }
}
