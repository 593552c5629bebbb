package io.drp.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records every request sent through it, in order, as "METHOD /account/container/blob?query" (path decoded), so a test can count
 * the requests an operation makes and check their order.
 */
public final class RecordingHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final List<String> requests = new ArrayList<>();

    public RecordingHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clear() {
        requests.clear();
    }

    public long count(Predicate<String> which) {
        return requests().stream().filter(which).count();
    }

    private synchronized void record(HttpRequest r) {
        String q = r.getUrl().getQuery();
        // blob names arrive percent-encoded (chains%2F...); decoded, they read as the code names them
        String path = java.net.URLDecoder.decode(r.getUrl().getPath(), java.nio.charset.StandardCharsets.UTF_8);
        requests.add(r.getHttpMethod() + " " + path + (q == null ? "" : "?" + q));
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        record(request);
        return delegate.send(request, context);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        record(request);
        return delegate.sendSync(request, context);
    }
}
