package io.drp.recovery;

import io.drp.pipeline.RunGuard;
import io.drp.storage.StorageError;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Submits work to a shared pool with at most {@code limit} tasks queued or running, so that walking a
 * manifest of millions of objects never builds a queue of millions. The first failure stops new work and
 * is rethrown to the walker; one bad object is not a failure (callers record it), a dead account is.
 */
final class BoundedTasks {

    private final ExecutorService pool;
    private final Semaphore slots;
    private final int limit;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final RunGuard guard;

    BoundedTasks(ExecutorService pool, int limit, RunGuard guard) {
        this.pool = pool;
        this.limit = limit;
        this.slots = new Semaphore(limit);
        this.guard = guard;
    }

    void submit(Runnable task) {
        rethrowFailure();
        guard.check();
        try {
            slots.acquire();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new StorageError("interrupted");
        }
        pool.execute(() -> {
            try {
                if (failure.get() == null) task.run();
            } catch (RuntimeException ex) {
                failure.compareAndSet(null, ex);
            } finally {
                slots.release();
            }
        });
    }

    /** Waits for every submitted task; rethrows the first failure. */
    void awaitAll() {
        try {
            slots.acquire(limit);
            slots.release(limit);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new StorageError("interrupted");
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        RuntimeException f = failure.get();
        if (f != null) throw f;
    }
}
