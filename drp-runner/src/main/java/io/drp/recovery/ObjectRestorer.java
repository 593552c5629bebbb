package io.drp.recovery;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.backup.BackupLayout;
import io.drp.backup.ManifestEntry;
import io.drp.model.Mismatch;
import io.drp.pipeline.RunGuard;
import io.drp.progress.Progress;
import io.drp.storage.CopyOutcome;
import io.drp.storage.ReadGrant;
import io.drp.storage.ServerCopier;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;
import io.drp.storage.VerifiedCopier;

import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies live objects of the recovery point into the target containers with bounded parallelism, each once,
 * from the point that holds its newest bytes, with the attributes the recovery point records. Every copy is
 * checked against its manifest hash before it is committed; a mismatch is recorded (naming the object) and the
 * restore carries on, because one corrupt object must not hide the state of all the others.
 */
final class ObjectRestorer {

    private final BlobContainerClient backup;
    private final StorageAccount target;
    private final String chainId;
    private final BoundedTasks tasks;
    private final Progress progress;
    private final String step;
    private final long total;
    private final RestoreJournal journal;
    private final Queue<Mismatch> mismatches;
    private final Scope scope;
    private final TargetEtags current;
    private ServerCopier server;
    private ReadGrant grant;
    final AtomicLong objects = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();

    ObjectRestorer(BlobContainerClient backup, StorageAccount target, String chainId, ExecutorService pool, int parallelism,
                   Progress progress, String step, long total, RestoreJournal journal, Queue<Mismatch> mismatches, Scope scope,
                   RunGuard guard) {
        this.backup = backup;
        this.target = target;
        this.chainId = chainId;
        this.tasks = new BoundedTasks(pool, parallelism * 2, guard);
        this.progress = progress;
        this.step = step;
        this.total = total;
        this.journal = journal;
        this.mismatches = mismatches;
        this.scope = scope;
        this.current = new TargetEtags(target, scope);
    }

    /** Copies inside Azure Storage from here on, the target's service reading the backup through {@code grant}. */
    void serverSide(ServerCopier copier, ReadGrant readGrant) {
        this.server = copier;
        this.grant = readGrant;
    }

    void copy(ManifestEntry e) {
        // asked here, in plan order, not in the copy's task: the journal and the target's listing are forward-only cursors
        String journalled = journal.etagOf(RestoreJournal.key(e.dataSeq(), e.path()));
        if (journalled != null && journalled.equals(current.of(e))) {
            // verified and committed by an earlier run, and not replaced since (same ETag): resume skips it.
            // The target is checked, not only the journal: storage that lost writes gets them copied again.
            skipped.incrementAndGet();
            count(e.size());
            return;
        }
        tasks.submit(() -> put(e));
    }

    private void put(ManifestEntry e) {
        String key = RestoreJournal.key(e.dataSeq(), e.path());
        String source = BackupLayout.dataBlob(chainId, e.dataSeq(), e.container(), e.name());
        BlockBlobClient dest = target.container(scope.target(e.container())).getBlobClient(e.name()).getBlockBlobClient();
        try {
            CopyOutcome out = server == null
                    ? VerifiedCopier.copy(backup.getBlobClient(source), null, dest, e.sha256(), e.size(), e.attributes())
                    : server.copy(grant, backup.getBlobContainerName(), source, dest, e.sha256(), e.size(), e.attributes());
            if (!out.committed()) {
                mismatches.add(new Mismatch(e.path(), "backup copy in point " + BackupLayout.pointId(chainId, e.dataSeq())
                        + " has SHA-256 " + out.sha256().substring(0, 12) + "…, manifest says " + e.sha256().substring(0, 12) + "…"
                        + (server == null ? "" : "; the server-side copy was deleted")));
                return;
            }
            journal.record(key, out.destinationEtag());
            count(out.size());
        } catch (BlobStorageException ex) {
            // a server-side copy hears of a missing source from the destination's service, under its own code
            if ((server == null ? BlobErrorCode.BLOB_NOT_FOUND.equals(ex.getErrorCode()) : ServerCopier.sourceMissing(ex)) && isSourceMissing(source)) {
                mismatches.add(new Mismatch(e.path(), "missing from backup point " + BackupLayout.pointId(chainId, e.dataSeq())));
                return;
            }
            throw new StorageError("cannot restore " + e.path() + " (" + ex.getStatusCode() + " " + ex.getErrorCode() + ")", ex);
        }
    }

    private void count(long size) {
        long n = objects.incrementAndGet();
        progress.update(step, n, total, bytes.addAndGet(size));
    }

    private boolean isSourceMissing(String source) {
        try {
            return !backup.getBlobClient(source).exists();
        } catch (BlobStorageException ex) {
            return false;
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
