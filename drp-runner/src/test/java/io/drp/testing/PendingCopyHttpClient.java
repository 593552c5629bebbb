package io.drp.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A copy that takes its time, as a large one does on Azure: Azurite finishes every asynchronous Copy Blob at
 * once, so this transport answers the next {@code polls} Get Properties of a copied blob with
 * {@code x-ms-copy-status: pending}, the rest of the response being the emulator's own.
 */
public final class PendingCopyHttpClient implements HttpClient {

    private static final HttpHeaderName COPY_STATUS = HttpHeaderName.fromString("x-ms-copy-status");
    private final HttpClient delegate;
    private final AtomicInteger pendingLeft = new AtomicInteger();
    private final AtomicInteger answeredPending = new AtomicInteger();

    public PendingCopyHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** The next {@code polls} status reads say pending; {@link Integer#MAX_VALUE} for a copy that never ends. */
    public void pendFor(int polls) {
        pendingLeft.set(polls);
    }

    public int answeredPending() {
        return answeredPending.get();
    }

    private HttpResponse rewrite(HttpResponse r) {
        if (r.getRequest().getHttpMethod() != HttpMethod.HEAD || r.getHeaders().getValue(COPY_STATUS) == null
                || pendingLeft.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return r;
        }
        answeredPending.incrementAndGet();
        HttpHeaders headers = new HttpHeaders();
        r.getHeaders().forEach(h -> headers.set(h.getName(), h.getValue()));
        headers.set(COPY_STATUS, "pending");
        int status = r.getStatusCode();
        r.close();
        return new HttpResponse(r.getRequest()) {
            @Override public int getStatusCode() { return status; }
            @Override @Deprecated public String getHeaderValue(String name) { return headers.getValue(name); }
            @Override public HttpHeaders getHeaders() { return headers; }
            @Override public Flux<ByteBuffer> getBody() { return Flux.empty(); }
            @Override public Mono<byte[]> getBodyAsByteArray() { return Mono.empty(); }
            @Override public Mono<String> getBodyAsString() { return Mono.empty(); }
            @Override public Mono<String> getBodyAsString(Charset charset) { return Mono.empty(); }
        };
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        return delegate.send(request, context).map(this::rewrite);
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        return rewrite(delegate.sendSync(request, context));
    }
}
