package io.drp.backup;

import com.azure.storage.blob.models.BlobStorageException;
import io.drp.pipeline.DaemonThreads;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Deletes the snapshots earlier sweeps left in production: from the plans on this machine's disk (by snapshot id),
 * and, because a CI runner keeps no disk, by their {@link SweepMarker mark} found in a listing of production.
 * Every delete names one snapshot by its id, never the base blob.
 */
final class SweepCleanup {

    private SweepCleanup() {}

    /**
     * Before a sweep: every snapshot an earlier backup into this target left, whether its plan is on this disk or
     * was lost with a killed runner. The caller holds the target's backup lease, so none of them is still in use.
     * @return how many snapshots were deleted
     */
    static long beforeSweep(StorageAccount production, Path sweepsDir, List<String> containers, String target, int threads) {
        Set<String> where = new TreeSet<>(containers); // and those of old plans, in case drp.yaml no longer names them
        long deleted = cleanUp(production, sweepsDir, threads, () -> true, where::add);
        try (Deletions d = new Deletions(production, threads)) {
            LeftoverSnapshots.scan(production, List.copyOf(where), f -> {
                if (SweepMarker.ofTarget(f.mark(), target)) d.delete(f.container(), f.name(), f.snapshot());
            });
            d.awaitAll();
            d.throwIfFailed("they are marked " + SweepMarker.KEY + "=" + target + ".*; the next backup tries again");
            return deleted + d.deleted.get();
        }
    }

    /** {@link #cleanUp(StorageAccount, Path, int, BooleanSupplier, java.util.function.Consumer)} for plans alone. */
    static long cleanUp(StorageAccount production, Path sweepsDir, int threads, BooleanSupplier inTime) {
        return cleanUp(production, sweepsDir, threads, inTime, c -> {});
    }

    /**
     * Deletes the snapshots listed in sweep plans left by this job or by a job that crashed, then the plans. The
     * deletes run {@code threads} at a time: a job stopped by a signal must be done within the grace period, and
     * until they are gone an application's plain Delete Blob on those objects is refused.
     * @param inTime false once the job must be gone (a signal's grace is running out): no further delete starts,
     *               and the plans stay on disk for the next backup to finish, rather than the JVM exiting mid-way
     *               with the lease still taken and nothing said
     * @param containers told every container a plan names, also where a snapshot was intended but its id never written
     * @return how many snapshots were deleted
     */
    static long cleanUp(StorageAccount production, Path sweepsDir, int threads, BooleanSupplier inTime,
                        java.util.function.Consumer<String> containers) {
        if (!Files.isDirectory(sweepsDir)) return 0;
        List<Path> plans;
        try (Stream<Path> s = Files.list(sweepsDir)) {
            plans = s.filter(p -> p.getFileName().toString().endsWith(".plan")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deleted = 0;
        for (Path plan : plans) {
            AtomicBoolean outOfTime = new AtomicBoolean();
            try (Deletions d = new Deletions(production, threads)) {
                try {
                    SweepSpool.read(plan, p -> {
                        if (p.snapshot() == null || outOfTime.get()) return;
                        containers.accept(p.object().container());
                        if (!inTime.getAsBoolean()) {
                            outOfTime.set(true);
                            return;
                        }
                        d.delete(p.object().container(), p.object().name(), p.snapshot());
                    }, intent -> containers.accept(intent.container()));
                } catch (UncheckedIOException torn) {
                    // a line torn by a crash: the lines before it are deleted like any others, and the plan goes too,
                    // rather than being read again by every backup; the marks find what the torn line named
                } finally {
                    d.awaitAll();
                }
                deleted += d.deleted.get();
                if (outOfTime.get()) return deleted; // this plan and any after it: the next backup's
                d.throwIfFailed("they are listed in " + plan + " and the next backup tries again");
            }
            try {
                Files.deleteIfExists(plan);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }
        return deleted;
    }

    /** Snapshot deletes, a bounded number in flight; the first failure is kept to report. */
    private static final class Deletions implements AutoCloseable {
        private final StorageAccount production;
        private final int window;
        private final Semaphore slots;
        private final ExecutorService pool;
        private final AtomicReference<RuntimeException> failed = new AtomicReference<>();
        final AtomicLong deleted = new AtomicLong();

        Deletions(StorageAccount production, int threads) {
            this.production = production;
            this.window = threads * 4;
            this.slots = new Semaphore(window);
            this.pool = DaemonThreads.pool(threads, "drp-snapshot-cleanup");
        }

        void delete(String container, String name, String snapshot) {
            slots.acquireUninterruptibly();
            pool.execute(() -> {
                try {
                    if (SnapshotSweep.delete(production, container, name, snapshot)) deleted.incrementAndGet();
                } catch (RuntimeException e) { // not only the service's refusals: a lost connection must keep the plan too
                    failed.compareAndSet(null, e);
                } finally {
                    slots.release();
                }
            });
        }

        void awaitAll() {
            slots.acquireUninterruptibly(window);
            slots.release(window);
        }

        void throwIfFailed(String where) {
            RuntimeException e = failed.get();
            if (e != null) {
                String why = e instanceof BlobStorageException b ? b.getStatusCode() + " " + b.getErrorCode() : e.getClass().getSimpleName();
                throw new StorageError("cannot delete the snapshots a backup left in production (" + why + "); " + where, e);
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
