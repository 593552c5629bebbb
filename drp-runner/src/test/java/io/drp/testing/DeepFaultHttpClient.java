package io.drp.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Faults a request-level injector cannot make: a connection reset in the middle of a response body, and a
 * request the service applied whose response never came back. Each is injected {@code times} times on
 * requests the predicate selects; everything else reaches Azurite unchanged.
 */
public final class DeepFaultHttpClient implements HttpClient {

    public enum Fault { RESET_MID_BODY, LOSE_RESPONSE }

    private final HttpClient delegate;
    private final Fault fault;
    private final Predicate<HttpRequest> which;
    private final AtomicInteger left;
    private final AtomicInteger injected = new AtomicInteger();

    public DeepFaultHttpClient(HttpClient delegate, Fault fault, Predicate<HttpRequest> which, int times) {
        this.delegate = delegate;
        this.fault = fault;
        this.which = which;
        this.left = new AtomicInteger(times);
    }

    public int injected() {
        return injected.get();
    }

    private boolean take(HttpRequest r) {
        if (!which.test(r)) return false;
        if (left.getAndDecrement() <= 0) return false;
        injected.incrementAndGet();
        return true;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        if (!take(request)) return delegate.send(request, context);
        return delegate.send(request, context).flatMap(r -> fault == Fault.LOSE_RESPONSE
                ? Mono.<HttpResponse>error(new IOException("connection reset after the request was applied (injected)"))
                : Mono.just(new CutShort(r)));
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        if (!take(request)) return delegate.sendSync(request, context);
        HttpResponse r = delegate.sendSync(request, context);
        if (fault == Fault.LOSE_RESPONSE) {
            r.close();
            throw new UncheckedIOException(new IOException("connection reset after the request was applied (injected)"));
        }
        return new CutShort(r);
    }

    /** The real response, whose body stops with a reset after its first mebibyte. */
    private static final class CutShort extends HttpResponse {
        private static final int KEEP = 1024 * 1024;
        private final HttpResponse real;

        CutShort(HttpResponse real) {
            super(real.getRequest());
            this.real = real;
        }

        @Override public int getStatusCode() { return real.getStatusCode(); }
        @Override @Deprecated public String getHeaderValue(String name) { return real.getHeaderValue(name); }
        @Override public HttpHeaders getHeaders() { return real.getHeaders(); }

        @Override
        public Flux<ByteBuffer> getBody() {
            int[] sent = {0};
            return real.getBody().concatMap(b -> {
                if (sent[0] >= KEEP) return Flux.error(new IOException("Connection reset by peer (injected mid-body)"));
                int n = Math.min(b.remaining(), KEEP - sent[0]);
                ByteBuffer part = b.duplicate();
                part.limit(part.position() + n);
                sent[0] += n;
                return sent[0] >= KEEP ? Flux.concat(Flux.just(part), Flux.error(new IOException("Connection reset by peer (injected mid-body)")))
                        : Flux.just(part);
            });
        }

        @Override public Mono<byte[]> getBodyAsByteArray() { return com.azure.core.util.FluxUtil.collectBytesInByteBufferStream(getBody()); }
        @Override public Mono<String> getBodyAsString() { return getBodyAsByteArray().map(String::new); }
        @Override public Mono<String> getBodyAsString(Charset charset) { return getBodyAsByteArray().map(b -> new String(b, charset)); }
        @Override public void close() { real.close(); }
    }
}
