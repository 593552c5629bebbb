package io.drp.recovery;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.backup.BackupLayout;
import io.drp.backup.ManifestEntry;
import io.drp.model.Mismatch;
import io.drp.progress.Progress;
import io.drp.storage.CopyOutcome;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;
import io.drp.storage.VerifiedCopier;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies manifest entries to the target containers with bounded parallelism. Every copy is checked
 * against its manifest hash before it is committed; a mismatch is recorded (naming the object) and the
 * restore carries on, because one corrupt object must not hide the state of all the others.
 */
final class ObjectRestorer {

    static final String SHA_METADATA = "drpsha256";

    private final BlobContainerClient backup;
    private final StorageAccount target;
    private final String chainId;
    private final BoundedTasks tasks;
    private final Progress progress;
    private final String step;
    private final RestoreJournal journal;
    private final Queue<Mismatch> mismatches;
    private final Scope scope;
    private final boolean deleteOnlyOwn;
    final AtomicLong objects = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong deletes = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();

    ObjectRestorer(BlobContainerClient backup, StorageAccount target, String chainId, ExecutorService pool, int parallelism,
                   Progress progress, String step, RestoreJournal journal, Queue<Mismatch> mismatches, Scope scope,
                   boolean deleteOnlyOwn, io.drp.pipeline.RunGuard guard) {
        this.backup = backup;
        this.target = target;
        this.chainId = chainId;
        this.tasks = new BoundedTasks(pool, parallelism * 2, guard);
        this.progress = progress;
        this.step = step;
        this.journal = journal;
        this.mismatches = mismatches;
        this.scope = scope;
        this.deleteOnlyOwn = deleteOnlyOwn;
    }

    void apply(ManifestEntry e, int pointSeq) {
        switch (e.op()) {
            case KEEP -> { }
            case PUT -> tasks.submit(() -> put(e, pointSeq));
            case DELETE -> tasks.submit(() -> delete(e));
        }
    }

    private void put(ManifestEntry e, int pointSeq) {
        String key = pointSeq + " " + e.path();
        String source = BackupLayout.dataBlob(chainId, e.dataSeq(), e.container(), e.name());
        BlockBlobClient dest = target.container(scope.target(e.container())).getBlobClient(e.name()).getBlockBlobClient();
        if (journal.contains(key) && alreadyInPlace(dest, e)) {
            // verified and committed by an earlier run, and not replaced since: resume skips it
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
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(ex.getErrorCode()) && isSourceMissing(source)) {
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
            // a HEAD has no body: the code comes from a header that some proxies strip, hence the status too
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(ex.getErrorCode()) || ex.getStatusCode() == 404) return false;
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

    /**
     * A real recovery never deletes what it did not write: an object already in the target with the name of
     * one the point deleted is someone's data. Only objects carrying drp's restore hash are removed then.
     */
    private void delete(ManifestEntry e) {
        try {
            var blob = target.container(scope.target(e.container())).getBlobClient(e.name());
            if (deleteOnlyOwn) {
                var props = blob.exists() ? blob.getProperties() : null;
                if (props == null || props.getMetadata() == null || !props.getMetadata().containsKey(SHA_METADATA)) return;
            }
            blob.deleteIfExists();
            deletes.incrementAndGet();
        } catch (BlobStorageException ex) {
            throw new StorageError("cannot replay the deletion of " + e.path() + " (" + ex.getStatusCode() + " " + ex.getErrorCode() + ")", ex);
        }
    }

    /** Waits for every submitted copy; rethrows the first storage failure. */
    void awaitAll() {
        try {
            tasks.awaitAll();
        } finally {
            progress.done(step);
        }
    }
}
