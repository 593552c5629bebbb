package io.drp.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Blob versioning, which Azurite lacks: requests for one production container are answered from service
 * responses kept under {@code src/test/resources/recorded/versioning} (List Blobs with versions, metadata and
 * tags, and Get Blob of one version), and every other request goes to the real emulator. A request the
 * recording does not hold is answered 501, so a backup that reads the current blob instead of the version fails.
 */
public final class RecordedVersioning implements HttpClient {

    /** The container the recording holds, in the account the requests go to. */
    public static final String CONTAINER = "orders-versioned";
    private static final String DIR = "/recorded/versioning/";

    private final HttpClient delegate;
    private final String account;
    private final List<String> answered = new CopyOnWriteArrayList<>();

    public RecordedVersioning(HttpClient delegate, String account) {
        this.delegate = delegate;
        this.account = account;
    }

    /** "METHOD path?query" of every request answered from the recording. */
    public List<String> answered() {
        return answered;
    }

    /** The recorded body of one version, as the test's own expectation. */
    public static byte[] body(String name, String versionId) {
        String raw = new String(read(file(name, versionId)), StandardCharsets.UTF_8);
        return raw.substring(raw.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return mine(request) ? Mono.just(answer(request)) : delegate.send(request, context);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return mine(request) ? answer(request) : delegate.sendSync(request, context);
    }

    private boolean mine(HttpRequest r) {
        String p = r.getUrl().getPath();
        return p.equals("/" + account + "/" + CONTAINER) || p.startsWith("/" + account + "/" + CONTAINER + "/");
    }

    private HttpResponse answer(HttpRequest r) {
        Map<String, String> q = query(r);
        String path = URLDecoder.decode(r.getUrl().getPath(), StandardCharsets.UTF_8);
        answered.add(r.getHttpMethod() + " " + path + "?" + r.getUrl().getQuery());
        String prefix = "/" + account + "/" + CONTAINER;
        if (r.getHttpMethod() == HttpMethod.GET && path.equals(prefix) && "container".equals(q.get("restype"))) {
            if ("list".equals(q.get("comp")) && q.getOrDefault("include", "").contains("versions")) {
                return new CannedResponse(r, 200, new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/xml"), read(DIR + "list.xml"));
            }
            if (q.get("comp") == null) {
                return new CannedResponse(r, 200, new HttpHeaders().set(HttpHeaderName.ETAG, "\"0x8DE1A0000000000\"")
                        .set(HttpHeaderName.LAST_MODIFIED, "Mon, 30 Nov 2026 08:00:00 GMT"), new byte[0]);
            }
        }
        if (r.getHttpMethod() == HttpMethod.GET && path.startsWith(prefix + "/") && q.get("versionid") != null) {
            byte[] raw = read(file(path.substring(prefix.length() + 1), q.get("versionid")));
            String text = new String(raw, StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            HttpHeaders h = new HttpHeaders();
            text.substring(0, split).lines().skip(1).forEach(line -> {
                int colon = line.indexOf(':');
                h.set(HttpHeaderName.fromString(line.substring(0, colon)), line.substring(colon + 1).trim());
            });
            return new CannedResponse(r, 200, h, text.substring(split + 4).getBytes(StandardCharsets.UTF_8));
        }
        return new CannedResponse(r, 501, new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"), "NotRecorded"),
                ("not in the recording: " + r.getHttpMethod() + " " + path + "?" + r.getUrl().getQuery()).getBytes(StandardCharsets.UTF_8));
    }

    private static String file(String name, String versionId) {
        return DIR + "get-" + name + "@" + versionId.replace(":", "") + ".http";
    }

    private static Map<String, String> query(HttpRequest r) {
        String q = r.getUrl().getQuery();
        if (q == null || q.isEmpty()) return Map.of();
        return java.util.Arrays.stream(q.split("&")).map(kv -> kv.split("=", 2)).collect(Collectors.toMap(
                kv -> kv[0], kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> a));
    }

    private static byte[] read(String resource) {
        try (InputStream in = RecordedVersioning.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no recording " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
