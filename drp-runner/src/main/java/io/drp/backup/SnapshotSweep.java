package io.drp.backup;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobClientBase;
import io.drp.listing.ListedObject;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Snapshot mode: before anything is copied, a blob snapshot is taken of every object the point will copy
 * (Snapshot Blob is a metadata-only request), and the copies then read the snapshots. The point holds each
 * object as it was during the sweep, which takes seconds where the copy takes minutes, instead of as it was
 * whenever the copy happened to reach it.
 *
 * <p>Snapshots are deleted one by one by their snapshot id, never through the base blob (a delete with
 * {@code x-ms-delete-snapshots} would take the user's own snapshots, or the blob itself).
 *
 * <p>Each snapshot is recorded before it exists: a group of intents is forced into the plan, then that group is
 * snapshotted, and each snapshot carries the sweep's {@link SweepMarker mark}. A kill at any instant leaves only
 * snapshots that the plan names and that a listing of production can find without the plan.
 */
final class SnapshotSweep {

    /** Where the plans of sweeps in progress live, under the job's cache directory. */
    static Path dir(Path cacheDir) {
        return cacheDir.resolve("sweeps");
    }

    /** Intents forced to disk at once: one fsync per group rather than per snapshot. */
    private static final int GROUP = 64;

    private final StorageAccount production;
    private final SweepMarker marker;
    private final SweepSpool spool;
    /** The planner's items not yet released to the pipeline, in manifest order: entries and objects to snapshot. */
    private final List<Object> group = new ArrayList<>();
    private final Path file;
    private final OrderedPipeline<SweepSpool.Planned> pipeline;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong vanished = new AtomicLong();
    private final AtomicLong leftBehind = new AtomicLong();
    private volatile boolean probed;
    private volatile String deniedBecause;
    private final long startedNanos = System.nanoTime();
    private long sweepNanos;

    SnapshotSweep(StorageAccount production, SweepMarker marker, Path file, ExecutorService pool, int window) {
        this.production = production;
        this.marker = marker;
        this.spool = SweepSpool.create(file);
        this.file = file;
        this.pipeline = new OrderedPipeline<>(pool, window, p -> {
            if (p != null) spool.write(p);
        });
    }

    void done(ManifestEntry e) {
        if (group.isEmpty()) {
            pipeline.submitDone(new SweepSpool.Planned(e, null, null));
        } else {
            group.add(e); // behind objects whose snapshots are not yet taken: the plan stays in manifest order
            if (group.size() >= GROUP) release();
        }
    }

    void copy(ListedObject o) {
        if (!probed) {
            // the first snapshot is taken alone: if the identity may not take snapshots, the point is fuzzy, and says why
            probed = true;
            spool.intend(List.of(o), marker.value());
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
            group.add(o);
            if (group.size() >= GROUP) release();
        }
    }

    /** Forces the group's intents to disk, then lets its snapshots be taken. */
    private void release() {
        List<ListedObject> objects = group.stream().filter(ListedObject.class::isInstance).map(ListedObject.class::cast).toList();
        spool.intend(objects, marker.value());
        for (Object item : group) {
            if (item instanceof ListedObject o) pipeline.submit(() -> snapshot(o));
            else pipeline.submitDone(new SweepSpool.Planned((ManifestEntry) item, null, null));
        }
        group.clear();
    }

    /** Ends the sweep: every snapshot is taken and the plan is on disk. */
    Path finish() {
        if (!group.isEmpty()) release();
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

    /**
     * Snapshots the object as listed, with its metadata plus the mark (a snapshot given metadata does not take the
     * base blob's). If it was rewritten since the listing, the newer version is still inside the sweep: its
     * properties are read again, so the snapshot carries that version's own metadata.
     */
    private SweepSpool.Planned snapshot(ListedObject o) {
        BlobClient base = production.container(o.container()).getBlobClient(o.name());
        ListedObject now = o;
        for (int attempt = 0; ; attempt++) {
            try {
                Response<BlobClientBase> r = base.createSnapshotWithResponse(marker.on(now.metadata()),
                        new BlobRequestConditions().setIfMatch(now.etag()), null, Context.NONE);
                taken.incrementAndGet();
                return new SweepSpool.Planned(null, now, r.getValue().getSnapshotId());
            } catch (BlobStorageException e) {
                if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) {
                    vanished.incrementAndGet(); // deleted after the listing: a delete inside the sweep
                    return null;
                }
                if (!BlobErrorCode.CONDITION_NOT_MET.equals(e.getErrorCode())) throw e;
                if (attempt == 2) {
                    throw new StorageError("production object " + o.container() + "/" + o.name()
                            + " kept changing while it was being snapshotted; run the backup again", e);
                }
            }
            try {
                BlobProperties p = base.getProperties();
                now = new ListedObject(o.container(), o.name(), p.getBlobSize(), p.getETag(), null, p.getMetadata(), o.attributes());
            } catch (BlobStorageException gone) {
                if (!BlobErrorCode.BLOB_NOT_FOUND.equals(gone.getErrorCode())) throw gone;
                vanished.incrementAndGet();
                return null;
            }
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
}
