package io.drp.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Azure's answer while a container of the same name is still being deleted, which Azurite never gives (it deletes
 * at once): the first {@code refusals} Create Container requests get 409 ContainerBeingDeleted; every other
 * request reaches the real emulator.
 */
public final class BeingDeletedHttpClient implements HttpClient {

    private final HttpClient delegate;
    private final AtomicInteger left;
    private final AtomicInteger refused = new AtomicInteger();

    public BeingDeletedHttpClient(HttpClient delegate, int refusals) {
        this.delegate = delegate;
        this.left = new AtomicInteger(refusals);
    }

    public int refused() {
        return refused.get();
    }

    private boolean refuse(HttpRequest r) {
        String q = r.getUrl().getQuery();
        boolean create = r.getHttpMethod() == HttpMethod.PUT && q != null && q.contains("restype=container") && !q.contains("comp=");
        if (!create || left.getAndDecrement() <= 0) return false;
        refused.incrementAndGet();
        return true;
    }

    private static HttpResponse beingDeleted(HttpRequest r) {
        return new ServiceError(r, 409, "ContainerBeingDeleted", "The specified container is being deleted. Try operation later.");
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return refuse(request) ? Mono.just(beingDeleted(request)) : delegate.send(request, context);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return refuse(request) ? beingDeleted(request) : delegate.sendSync(request, context);
    }
}
