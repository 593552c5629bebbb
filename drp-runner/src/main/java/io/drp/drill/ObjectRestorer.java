package io.drp.drill;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.backup.BackupLayout;
import io.drp.backup.ManifestEntry;
import io.drp.progress.Progress;
import io.drp.storage.CopyOutcome;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;
import io.drp.storage.VerifiedCopier;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies manifest entries to the recovery containers with bounded parallelism. Every copy is checked
 * against its manifest hash before it is committed; a mismatch is recorded (naming the object) and the
 * restore carries on, because one corrupt object must not hide the state of all the others.
 */
final class ObjectRestorer {

    static final String SHA_METADATA = "drpsha256";

    private final BlobContainerClient backup;
    private final StorageAccount recovery;
    private final String chainId;
    private final ExecutorService pool;
    private final Semaphore slots;
    private final int permits;
    private final Progress progress;
    private final String step;
    private final RestoreJournal journal;
    private final Queue<Mismatch> mismatches;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final AtomicLong objects = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong deletes = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();

    ObjectRestorer(BlobContainerClient backup, StorageAccount recovery, String chainId, ExecutorService pool, int parallelism,
                   Progress progress, String step, RestoreJournal journal, Queue<Mismatch> mismatches) {
        this.backup = backup;
        this.recovery = recovery;
        this.chainId = chainId;
        this.pool = pool;
        this.permits = parallelism * 2;
        this.slots = new Semaphore(permits);
        this.progress = progress;
        this.step = step;
        this.journal = journal;
        this.mismatches = mismatches;
    }

    void apply(ManifestEntry e, int pointSeq) {
        rethrowFailure();
        switch (e.op()) {
            case KEEP -> { }
            case PUT -> submit(() -> put(e, pointSeq));
            case DELETE -> submit(() -> delete(e));
        }
    }

    private void submit(Runnable task) {
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

    private void put(ManifestEntry e, int pointSeq) {
        String key = pointSeq + " " + e.path();
        String source = BackupLayout.dataBlob(chainId, e.dataSeq(), e.container(), e.name());
        BlockBlobClient dest = recovery.container(e.container()).getBlobClient(e.name()).getBlockBlobClient();
        if (journal.contains(key) && alreadyInPlace(dest, e)) {
            // verified and committed by an earlier run of this drill, and not replaced since: resume skips it
            skipped.incrementAndGet();
            objects.incrementAndGet();
            bytes.addAndGet(e.size());
            return;
        }
        try {
            CopyOutcome out = VerifiedCopier.copy(backup.getBlobClient(source), null, dest, e.sha256(), Map.of(SHA_METADATA, e.sha256()));
            if (!out.committed()) {
                mismatches.add(new Mismatch(e.path(), "backup copy in point " + BackupLayout.pointId(chainId, e.dataSeq())
                        + " has SHA-256 " + out.sha256().substring(0, 12) + "…, manifest says " + e.sha256().substring(0, 12) + "…"));
                return;
            }
            journal.record(key);
            objects.incrementAndGet();
            bytes.addAndGet(out.size());
            progress.update(step, objects.get(), -1, bytes.get());
        } catch (BlobStorageException ex) {
            if (ex.getStatusCode() == 404 && isSourceMissing(source)) {
                mismatches.add(new Mismatch(e.path(), "missing from backup point " + BackupLayout.pointId(chainId, e.dataSeq())));
                return;
            }
            throw new StorageError("cannot restore " + e.path() + " (" + ex.getStatusCode() + " " + ex.getErrorCode() + ")", ex);
        }
    }

    /**
     * The journal alone is not enough: a later point of the same run may have replaced or deleted the
     * object, so we also check that the recovered blob still carries this entry's hash.
     */
    private static boolean alreadyInPlace(BlockBlobClient dest, ManifestEntry e) {
        try {
            var props = dest.getProperties();
            return props.getBlobSize() == e.size() && props.getMetadata() != null
                    && e.sha256().equals(props.getMetadata().get(SHA_METADATA));
        } catch (BlobStorageException ex) {
            if (ex.getStatusCode() == 404) return false;
            throw ex;
        }
    }

    private boolean isSourceMissing(String source) {
        try {
            return !backup.getBlobClient(source).exists();
        } catch (BlobStorageException ex) {
            return false;
        }
    }

    private void delete(ManifestEntry e) {
        try {
            recovery.container(e.container()).getBlobClient(e.name()).deleteIfExists();
            deletes.incrementAndGet();
        } catch (BlobStorageException ex) {
            throw new StorageError("cannot replay the deletion of " + e.path() + " (" + ex.getStatusCode() + " " + ex.getErrorCode() + ")", ex);
        }
    }

    /** Waits for every submitted task; rethrows the first storage failure. */
    void awaitAll() {
        try {
            slots.acquire(permits);
            slots.release(permits);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new StorageError("interrupted");
        }
        progress.done(step);
        rethrowFailure();
    }

    private void rethrowFailure() {
        RuntimeException f = failure.get();
        if (f != null) throw f;
    }
}
