package io.drp.backup;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.listing.ListedObject;
import io.drp.storage.BlobAttributes;
import io.drp.storage.CopyOutcome;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;
import io.drp.storage.VerifiedCopier;

import java.util.concurrent.atomic.AtomicLong;

/** Copies production objects into one backup point, each under the point's own blob name. */
final class PointCopier {

    private final StorageAccount production;
    private final BlobContainerClient target;
    private final String chainId;
    private final int seq;
    private final AtomicLong vanished = new AtomicLong();

    PointCopier(StorageAccount production, BlobContainerClient target, String chainId, int seq) {
        this.production = production;
        this.target = target;
        this.chainId = chainId;
        this.seq = seq;
    }

    static ManifestEntry deletion(ManifestEntry p) {
        return new ManifestEntry(ManifestEntry.Op.DELETE, p.container(), p.name(), 0, null, null, null, 0);
    }

    /** Objects deleted from production between the listing and their copy. */
    long vanished() {
        return vanished.get();
    }

    /**
     * Copies one object: the version the listing chose at the watermark, or the snapshot the sweep took of it
     * (then deleted), or, in a fuzzy point, whatever is current when the copy reaches it.
     */
    ManifestEntry copy(ListedObject listed, String snapshot, SnapshotSweep sweep) {
        BlobClient base = production.container(listed.container()).getBlobClient(listed.name());
        if (listed.versionId() != null) {
            return copyImmutable(listed, base.getVersionClient(listed.versionId()), "version " + listed.versionId(), false);
        }
        if (snapshot == null) return copyCurrent(listed);
        try {
            return copyImmutable(listed, base.getSnapshotClient(snapshot), "snapshot " + snapshot, true);
        } finally {
            try {
                SnapshotSweep.delete(production, listed.container(), listed.name(), snapshot);
            } catch (BlobStorageException e) {
                sweep.leftBehind(); // the plan is kept, and the next job deletes it
            }
        }
    }

    /**
     * Copies a snapshot or a version. Neither ever changes, so there is no If-Match and no retry for a newer one:
     * what the sweep or the watermark chose is what the point holds.
     * @param sweepSnapshot a snapshot the sweep took: its metadata is the base blob's plus drp's mark, which the point
     *                      leaves out, and its base blob's ETag is the one the snapshot was taken If-Match
     */
    private ManifestEntry copyImmutable(ListedObject listed, BlobClient source, String what, boolean sweepSnapshot) {
        String container = listed.container(), name = listed.name();
        BlockBlobClient dest = target.getBlobClient(BackupLayout.dataBlobChecked(chainId, seq, container, name)).getBlockBlobClient();
        try {
            CopyOutcome out = VerifiedCopier.copy(source, null, dest, null, listed.size(), null);
            BlobAttributes read = sweepSnapshot ? SweepMarker.unmarked(out.sourceAttributes()) : out.sourceAttributes();
            BlobAttributes attrs = read.withTagsAndTier(listed.attributes().tags(), listed.attributes().tier());
            return new ManifestEntry(ManifestEntry.Op.PUT, container, name, out.size(), out.sha256(), out.sourceLastModified(),
                    sweepSnapshot ? listed.etag() : out.sourceEtag(), seq, attrs);
        } catch (BlobStorageException b) {
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(b.getErrorCode())) {
                // deleted since: a snapshot goes with its blob (the only delete Azure allows while one exists), a version by lifecycle
                vanished.incrementAndGet();
                return null;
            }
            throw new StorageError("cannot back up " + container + "/" + name + " from its " + what + " ("
                    + b.getStatusCode() + " " + b.getErrorCode() + ")", b);
        }
    }

    /**
     * Copies the current object (a fuzzy point). If it changed between listing and reading (412) we
     * copy the newer version: it is at least as fresh as the watermark promises. If it was deleted after
     * the listing (404) it is left out, as a delete after the watermark; returns null then.
     */
    private ManifestEntry copyCurrent(ListedObject listed) {
        String container = listed.container(), name = listed.name(), currentEtag = listed.etag();
        for (int attempt = 0; attempt < 3; attempt++) {
            var source = production.container(container).getBlobClient(name);
            try {
                BlockBlobClient dest = target.getBlobClient(BackupLayout.dataBlobChecked(chainId, seq, container, name)).getBlockBlobClient();
                // one GET with If-Match: the response's own headers describe exactly the version whose bytes we hashed
                CopyOutcome out = VerifiedCopier.copy(source, new BlobRequestConditions().setIfMatch(currentEtag), dest, null,
                        listed.size(), null);
                BlobAttributes attrs = out.sourceAttributes().withTagsAndTier(listed.attributes().tags(), listed.attributes().tier());
                return new ManifestEntry(ManifestEntry.Op.PUT, container, name, out.size(), out.sha256(), out.sourceLastModified(),
                        out.sourceEtag(), seq, attrs);
            } catch (RuntimeException e) {
                // the SDK surfaces a failed ranged read wrapped, so the cause chain is searched for the service's code
                if (!VerifiedCopier.isGoneOrChanged(e) || attempt == 2) {
                    if (e instanceof BlobStorageException b) {
                        throw new StorageError("cannot back up " + container + "/" + name + " (" + b.getStatusCode() + " " + b.getErrorCode() + ")", e);
                    }
                    throw e;
                }
                try {
                    currentEtag = source.getProperties().getETag();
                } catch (BlobStorageException gone) {
                    if (BlobErrorCode.BLOB_NOT_FOUND.equals(gone.getErrorCode()) || gone.getStatusCode() == 404) {
                        vanished.incrementAndGet();
                        return null;
                    }
                    throw gone;
                }
            }
        }
        throw new StorageError("production object " + container + "/" + name + " kept changing while it was being backed up; run the backup again");
    }
}
