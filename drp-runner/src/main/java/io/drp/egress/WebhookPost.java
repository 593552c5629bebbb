package io.drp.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts one JSON body to one webhook, after judging its URL and every address its host resolves to now (see
 * {@link WebhookTarget}), unless that webhook allows insecure targets. Redirects are never followed: a 3xx to a
 * metadata address would otherwise go around the check. The JVM caches the lookup (30 s by default), so the
 * connection goes to an address that was judged.
 */
public final class WebhookPost {

    /** Resolves a host name; tests stand in for DNS that changed since drp.yaml was loaded. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What happened: an HTTP status, or why nothing was sent or received. Never the URL. */
    public record Outcome(int status, String refused, String failed) {
        public boolean ok() {
            return refused == null && failed == null && status / 100 == 2;
        }
    }

    private final Resolver resolver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookPost() {
        this(InetAddress::getAllByName);
    }

    public WebhookPost(Resolver resolver) {
        this.resolver = resolver;
    }

    public Outcome post(String url, boolean allowInsecure, String json) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Outcome(0, null, "not a URL");
        }
        if (!allowInsecure) {
            try {
                String why = refusal(uri);
                if (why != null) return new Outcome(0, why, null);
            } catch (UnknownHostException e) {
                return new Outcome(0, null, "UnknownHostException"); // nothing to judge, and nothing to connect to
            }
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
            return new Outcome(http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode(), null, null);
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(0, null, e.getClass().getSimpleName());
        }
    }

    /** The URL's text, then each address of its host as resolved now. */
    private String refusal(URI uri) throws UnknownHostException {
        String why = WebhookTarget.refusal(uri);
        if (why != null) return why;
        for (InetAddress a : resolver.resolve(uri.getHost())) {
            String bad = WebhookTarget.addressRefusal(a);
            if (bad != null) return "resolves to " + bad.replaceFirst("^targets ", "");
        }
        return null;
    }
}
