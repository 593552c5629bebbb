package io.drp.backup;

import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;

import java.time.Instant;

/**
 * Commits a manifest written with If-None-Match: *. When the service applied the commit but its response was
 * lost, the SDK's retry meets its own manifest and is refused (409 or 412). drp then reads the manifest back:
 * byte for byte what it wrote means the commit happened, and the point stands; anything else is a real conflict.
 */
final class ManifestCommit {

    private ManifestCommit() {}

    static ManifestTrailer commit(ManifestWriter writer, BackupCatalog catalog, String chainId, int seq, Instant completedAt,
                                  String consistency) {
        try {
            return writer.finish(completedAt, consistency);
        } catch (RuntimeException e) {
            if (!refusedAsExisting(e) || writer.trailer() == null) throw e;
            ManifestFile there;
            try {
                there = catalog.manifest(chainId, seq);
            } catch (BackupError unreadable) {
                throw e;
            }
            if (!there.sha256().equals(writer.manifestSha256())) throw e; // someone else's point: a real conflict
            return writer.trailer();
        }
    }

    private static boolean refusedAsExisting(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BlobStorageException b && (BlobErrorCode.BLOB_ALREADY_EXISTS.equals(b.getErrorCode())
                    || BlobErrorCode.CONDITION_NOT_MET.equals(b.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }
}
