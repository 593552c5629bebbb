package io.drp.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Azure's time-based retention, which Azurite does not enforce: once a blob under {@code chains/} has been
 * committed (Put Blob or Put Block List) through this transport, committing it again is answered as Azure
 * answers it on a WORM container, 409 {@code BlobImmutableDueToPolicy}. Staging blocks stays allowed.
 */
public final class WormHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final Set<String> committed = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();

    public WormHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** How many overwrites were refused: a correct backup job causes none. */
    public long refused() {
        return refused.get();
    }

    private String commitKey(HttpRequest r) {
        if (r.getHttpMethod() != HttpMethod.PUT) return null;
        String path = r.getUrl().getPath();
        if (!path.contains("/chains/")) return null;
        String q = r.getUrl().getQuery() == null ? "" : r.getUrl().getQuery();
        boolean putBlob = !q.contains("comp=");
        boolean putBlockList = q.contains("comp=blocklist");
        return putBlob || putBlockList ? path : null;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        String key = commitKey(request);
        if (key != null && committed.contains(key)) {
            refused.incrementAndGet();
            return Mono.just(new ServiceError(request, 409, "BlobImmutableDueToPolicy", "This operation is not permitted as the blob is immutable due to a policy."));
        }
        return delegate.send(request, context).doOnNext(r -> {
            if (key != null && r.getStatusCode() / 100 == 2) committed.add(key);
        });
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        String key = commitKey(request);
        if (key != null && committed.contains(key)) {
            refused.incrementAndGet();
            return new ServiceError(request, 409, "BlobImmutableDueToPolicy", "This operation is not permitted as the blob is immutable due to a policy.");
        }
        HttpResponse r = delegate.sendSync(request, context);
        if (key != null && r.getStatusCode() / 100 == 2) committed.add(key);
        return r;
    }
}
