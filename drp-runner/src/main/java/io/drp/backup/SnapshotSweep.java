package io.drp.backup;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobClientBase;
import io.drp.listing.ListedObject;
import io.drp.pipeline.DaemonThreads;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Snapshot mode: before anything is copied, a blob snapshot is taken of every object the point will copy
 * (Snapshot Blob is a metadata-only request), and the copies then read the snapshots. The point holds each
 * object as it was during the sweep, which takes seconds where the copy takes minutes, instead of as it was
 * whenever the copy happened to reach it.
 *
 * <p>Snapshots are deleted one by one by their snapshot id, never through the base blob (a delete with
 * {@code x-ms-delete-snapshots} would take the user's own snapshots, or the blob itself).
 */
final class SnapshotSweep {

    /** Where the plans of sweeps in progress live, under the job's cache directory. */
    static Path dir(Path cacheDir) {
        return cacheDir.resolve("sweeps");
    }

    private final StorageAccount production;
    private final SweepSpool spool;
    private final Path file;
    private final OrderedPipeline<SweepSpool.Planned> pipeline;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong vanished = new AtomicLong();
    private final AtomicLong leftBehind = new AtomicLong();
    private volatile boolean probed;
    private volatile String deniedBecause;
    private final long startedNanos = System.nanoTime();
    private long sweepNanos;

    SnapshotSweep(StorageAccount production, Path file, ExecutorService pool, int window) {
        this.production = production;
        this.spool = SweepSpool.create(file);
        this.file = file;
        this.pipeline = new OrderedPipeline<>(pool, window, p -> {
            if (p != null) spool.write(p);
        });
    }

    void done(ManifestEntry e) {
        pipeline.submitDone(new SweepSpool.Planned(e, null, null));
    }

    void copy(ListedObject o) {
        if (!probed) {
            // the first snapshot is taken alone: if the identity may not take snapshots, the point is fuzzy, and says why
            probed = true;
            try {
                pipeline.submitDone(snapshot(o));
            } catch (BlobStorageException e) {
                if (!isDenied(e)) throw e;
                deniedBecause = "the backup's identity may not take snapshots in production (" + e.getStatusCode() + " " + e.getErrorCode() + ")";
                pipeline.submitDone(new SweepSpool.Planned(null, o, null));
            } catch (RuntimeException e) {
                if (!io.drp.storage.ReadOnlyRequests.refused(e)) throw e;
                // production opened read-only: drp itself refused Snapshot Blob before sending it
                deniedBecause = "production was opened read-only, so drp refused to take snapshots in it";
                pipeline.submitDone(new SweepSpool.Planned(null, o, null));
            }
            return;
        }
        if (deniedBecause != null) {
            pipeline.submitDone(new SweepSpool.Planned(null, o, null));
        } else {
            pipeline.submit(() -> snapshot(o));
        }
    }

    /** Ends the sweep: every snapshot is taken and the plan is on disk. */
    Path finish() {
        pipeline.drain();
        spool.close();
        sweepNanos = System.nanoTime() - startedNanos;
        return spool.file();
    }

    void cancel() {
        pipeline.cancel();
        try {
            spool.close();
        } catch (UncheckedIOException ignored) {
            // the plan is best effort on the failure path: what it holds is cleaned up from it
        }
    }

    /** Null when every copy read a snapshot; otherwise why the point is fuzzy. */
    String deniedBecause() {
        return deniedBecause;
    }

    long taken() {
        return taken.get();
    }

    long vanished() {
        return vanished.get();
    }

    double sweepSeconds() {
        return sweepNanos / 1e9;
    }

    /** Snapshots a copy could not delete; the plan is kept so that the next job deletes them. */
    void leftBehind() {
        leftBehind.incrementAndGet();
    }

    boolean anyLeftBehind() {
        return leftBehind.get() > 0;
    }

    /** Every snapshot was deleted by its copy: the plan has nothing left to clean up. */
    void forgetPlan() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The point's consistency as its manifest records it: snapshots refused means each object was copied as found. */
    String consistency() {
        return deniedBecause != null ? "fuzzy" : "snapshot";
    }

    /** What the point's consistency is, for the backup's notes. */
    String describe() {
        if (deniedBecause != null) {
            return "fuzzy point: " + deniedBecause + ", so each object was copied as the copy reached it; grant the identity"
                    + " the right to create and delete snapshots (SAS permissions c and d), or set backup.consistency: fuzzy";
        }
        return String.format(Locale.ROOT, "consistent point: %d snapshot(s) taken in a %.1f s sweep, copied, then deleted",
                taken.get(), sweepSeconds());
    }

    private SweepSpool.Planned snapshot(ListedObject o) {
        BlobClient base = production.container(o.container()).getBlobClient(o.name());
        try {
            Response<BlobClientBase> r = base.createSnapshotWithResponse(null, new BlobRequestConditions().setIfMatch(o.etag()), null, Context.NONE);
            taken.incrementAndGet();
            return new SweepSpool.Planned(null, o, r.getValue().getSnapshotId());
        } catch (BlobStorageException e) {
            if (BlobErrorCode.CONDITION_NOT_MET.equals(e.getErrorCode())) {
                // rewritten since the listing: the newer version is still inside the sweep, so snapshot that one
                Response<BlobClientBase> r = base.createSnapshotWithResponse(null, null, null, Context.NONE);
                taken.incrementAndGet();
                ListedObject now = new ListedObject(o.container(), o.name(), -1, r.getHeaders().getValue(HttpHeaderName.ETAG),
                        null, o.metadata(), o.attributes());
                return new SweepSpool.Planned(null, now, r.getValue().getSnapshotId());
            }
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
                vanished.incrementAndGet(); // deleted after the listing: a delete inside the sweep
                return null;
            }
            throw e;
        }
    }

    static boolean isDenied(BlobStorageException e) {
        return BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH.equals(e.getErrorCode())
                || BlobErrorCode.AUTHORIZATION_FAILURE.equals(e.getErrorCode())
                || BlobErrorCode.AUTHORIZATION_RESOURCE_TYPE_MISMATCH.equals(e.getErrorCode());
    }

    /** Deletes one snapshot by its id; false when it was already gone. */
    static boolean delete(StorageAccount production, String container, String name, String snapshot) {
        try {
            production.container(container).getBlobClient(name).getSnapshotClient(snapshot).delete();
            return true;
        } catch (BlobStorageException e) {
            if (!BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) throw e;
            return false;
        }
    }

    /**
     * Deletes the snapshots listed in sweep plans left by this job or by a job that crashed, then the plans. The
     * deletes run {@code threads} at a time: a job stopped by a signal must be done within the grace period, and
     * until they are gone an application's plain Delete Blob on those objects is refused.
     * @param inTime false once the job must be gone (a signal's grace is running out): no further delete starts,
     *               and the plans stay on disk for the next backup to finish, rather than the JVM exiting mid-way
     *               with the lease still taken and nothing said
     * @return how many snapshots were deleted
     */
    static long cleanUp(StorageAccount production, Path sweepsDir, int threads, java.util.function.BooleanSupplier inTime) {
        if (!Files.isDirectory(sweepsDir)) return 0;
        AtomicLong deleted = new AtomicLong();
        List<Path> plans;
        try (Stream<Path> s = Files.list(sweepsDir)) {
            plans = s.filter(p -> p.getFileName().toString().endsWith(".plan")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExecutorService pool = DaemonThreads.pool(threads, "drp-snapshot-cleanup");
        try {
            for (Path plan : plans) {
                Semaphore window = new Semaphore(threads * 4);
                AtomicReference<BlobStorageException> failed = new AtomicReference<>();
                java.util.concurrent.atomic.AtomicBoolean outOfTime = new java.util.concurrent.atomic.AtomicBoolean();
                try {
                    SweepSpool.read(plan, p -> {
                        if (p.snapshot() == null || outOfTime.get()) return;
                        if (!inTime.getAsBoolean()) {
                            outOfTime.set(true);
                            return;
                        }
                        window.acquireUninterruptibly();
                        pool.execute(() -> {
                            try {
                                if (delete(production, p.object().container(), p.object().name(), p.snapshot())) deleted.incrementAndGet();
                            } catch (BlobStorageException e) {
                                failed.compareAndSet(null, e);
                            } finally {
                                window.release();
                            }
                        });
                    });
                } catch (UncheckedIOException torn) {
                    // a line torn by a crash: the lines before it are deleted like any others, and the plan goes too,
                    // rather than being read again by every backup; at most the torn line's one snapshot is lost track of
                } finally {
                    window.acquireUninterruptibly(threads * 4); // every delete of this plan has ended
                    window.release(threads * 4);
                }
                if (outOfTime.get()) return deleted.get(); // this plan and any after it: the next backup's
                BlobStorageException e = failed.get();
                if (e != null) {
                    throw new StorageError("cannot delete the snapshots a backup left in production (" + e.getStatusCode() + " "
                            + e.getErrorCode() + "); they are listed in " + plan + " and the next backup tries again", e);
                }
                try {
                    Files.deleteIfExists(plan);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return deleted.get();
    }
}
