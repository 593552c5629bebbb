package io.drp.backup;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs tasks in parallel but hands their results to {@code sink} in submission order, with at most
 * {@code window} results in flight. This is how a backup copies objects concurrently while still
 * streaming a sorted manifest with bounded memory.
 */
public final class OrderedPipeline<T> {

    private final ExecutorService pool;
    private final int window;
    private final Consumer<T> sink;
    private final ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();

    public OrderedPipeline(ExecutorService pool, int window, Consumer<T> sink) {
        this.pool = pool;
        this.window = Math.max(1, window);
        this.sink = sink;
    }

    public void submit(Callable<T> task) {
        inFlight.add(pool.submit(task));
        while (inFlight.size() > window) {
            drainOne();
        }
    }

    /** A result that needs no work still has to wait its turn behind earlier ones. */
    public void submitDone(T value) {
        inFlight.add(CompletableFuture.completedFuture(value));
        while (inFlight.size() > window) {
            drainOne();
        }
    }

    public void drain() {
        while (!inFlight.isEmpty()) {
            drainOne();
        }
    }

    /** Cancels everything still in flight; used when the job fails. */
    public void cancel() {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
    }

    private void drainOne() {
        Future<T> f = inFlight.poll();
        try {
            sink.accept(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            cancel();
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
