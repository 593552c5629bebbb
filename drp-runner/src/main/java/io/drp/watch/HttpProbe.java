package io.drp.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The functional probe: the URL answers 2xx within the timeout. Redirects are not followed (a 3xx is not 2xx).
 * With an {@link Expectation} (a recovery plan's http check) it must answer that status, and its body hold a
 * substring or a JSON value at a pointer: the same probe serves {@code drp watch} and plans, so both agree on what
 * "the service answers" means.
 */
public final class HttpProbe implements Probe {

    /** What a plan's check expects: a status, and optionally a body substring or a JSON pointer's value. */
    public record Expectation(int status, String bodyContains, String jsonPointer, String expected) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final String name;
    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final Expectation expect;

    public HttpProbe(String name, URI url, Duration timeout) {
        this(name, url, timeout, null);
    }

    public HttpProbe(String name, URI url, Duration timeout, Expectation expect) {
        this.name = name;
        this.url = url;
        this.timeout = timeout;
        this.expect = expect;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The URL without its query: a token there must not reach a log, a report or a webhook. */
    public static String printable(URI url) {
        return url.getScheme() + "://" + url.getAuthority() + (url.getPath() == null ? "" : url.getPath());
    }

    @Override
    public ProbeResult probe() {
        String where = printable(url);
        try {
            HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
            if (expect == null) {
                HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                boolean ok = r.statusCode() / 100 == 2;
                return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, ok, where + " answered HTTP " + r.statusCode());
            }
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            String said = where + " answered HTTP " + r.statusCode();
            if (r.statusCode() != expect.status()) {
                return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, said + ", expected " + expect.status());
            }
            String body = r.body() == null ? "" : r.body().length() > MAX_BODY ? r.body().substring(0, MAX_BODY) : r.body();
            if (expect.bodyContains() != null && !body.contains(expect.bodyContains())) {
                return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, said + " without '" + expect.bodyContains() + "' in its body");
            }
            if (expect.jsonPointer() != null) {
                String actual = valueAt(body, expect.jsonPointer());
                if (!expect.expected().equals(actual)) {
                    return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, said + ", " + expect.jsonPointer() + " is "
                            + (actual == null ? "absent" : "'" + actual + "'") + ", expected '" + expect.expected() + "'");
                }
            }
            return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, true, said);
        } catch (HttpTimeoutException e) {
            return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, where + " did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, where + " unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult(name, ProbeResult.Kind.FUNCTIONAL, false, "interrupted");
        }
    }

    /** The value at a JSON pointer as text (numbers and booleans as written), or null when absent or not JSON. */
    static String valueAt(String body, String pointer) {
        try {
            JsonNode n = JSON.readTree(body).at(pointer);
            return n.isMissingNode() ? null : n.isValueNode() ? n.asText() : n.toString();
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }
}
