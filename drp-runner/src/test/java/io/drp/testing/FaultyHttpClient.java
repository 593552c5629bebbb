package io.drp.testing;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real JDK transport with network faults injected: every {@code every}-th request fails, in turn with
 * a 503 ServerBusy, a connection reset, or a timeout. Requests that are not faulted reach Azurite
 * unchanged, so the SDK's own retry policy is what has to cope.
 */
public final class FaultyHttpClient implements HttpClient {

    public enum Fault { SERVER_BUSY_503, CONNECTION_RESET, TIMEOUT }

    private final HttpClient delegate;
    private final int every;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong[] injected = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
    private final AtomicBoolean enabled = new AtomicBoolean(false);

    public FaultyHttpClient(HttpClient delegate, int every) {
        this.delegate = delegate;
        this.every = every;
    }

    public void enable(boolean on) {
        enabled.set(on);
    }

    public long injected(Fault f) {
        return injected[f.ordinal()].get();
    }

    public long injectedTotal() {
        return injected[0].get() + injected[1].get() + injected[2].get();
    }

    private Fault next() {
        if (!enabled.get()) return null;
        long n = requests.incrementAndGet();
        if (n % every != 0) return null;
        Fault f = Fault.values()[(int) ((n / every) % 3)];
        injected[f.ordinal()].incrementAndGet();
        return f;
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request, Context context) {
        Fault f = next();
        if (f == null) return delegate.send(request, context);
        return switch (f) {
            case SERVER_BUSY_503 -> Mono.just(new ServiceError(request, 503, "ServerBusy", "The server is busy (injected)."));
            case CONNECTION_RESET -> Mono.error(new IOException("Connection reset by peer (injected)"));
            case TIMEOUT -> Mono.error(new TimeoutException("read timed out (injected)"));
        };
    }

    @Override
    public HttpResponse sendSync(HttpRequest request, Context context) {
        Fault f = next();
        if (f == null) return delegate.sendSync(request, context);
        return switch (f) {
            case SERVER_BUSY_503 -> new ServiceError(request, 503, "ServerBusy", "The server is busy (injected).");
            case CONNECTION_RESET -> throw new UncheckedIOException(new IOException("Connection reset by peer (injected)"));
            case TIMEOUT -> throw new RuntimeException(new TimeoutException("read timed out (injected)"));
        };
    }
}
