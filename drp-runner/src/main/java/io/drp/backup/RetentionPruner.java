package io.drp.backup;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention: keeps the newest {@code retainChains} unlabelled chains, and each labelled chain (a snapshot
 * taken before a change) until it is {@code keepLabelled} old, whatever the count. Blobs under an
 * immutability policy refuse deletion; that is the policy working, so it is noted rather than a failure.
 */
final class RetentionPruner {

    private final BackupCatalog catalog;
    private final BlobContainerClient container;
    private final int retainChains;
    private final Duration keepLabelled;

    RetentionPruner(BackupCatalog catalog, BlobContainerClient container, int retainChains, Duration keepLabelled) {
        this.catalog = catalog;
        this.container = container;
        this.retainChains = retainChains;
        this.keepLabelled = keepLabelled;
    }

    /** @return the chains removed; {@code notes} gets the ones kept back by a policy */
    List<String> prune(Instant now, List<String> notes) {
        List<BackupCatalog.ChainListing> unlabelled = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (BackupCatalog.ChainListing chain : catalog.chains()) {
            ManifestHeader full = fullHeader(chain);
            if (full == null || full.label() == null) {
                unlabelled.add(chain);
            } else if (Duration.between(full.watermark(), now).compareTo(keepLabelled) >= 0) {
                expired.add(chain.chainId());
            }
        }
        List<String> doomed = new ArrayList<>(expired);
        for (int i = 0; i < unlabelled.size() - retainChains; i++) doomed.add(unlabelled.get(i).chainId());
        List<String> pruned = new ArrayList<>();
        for (String chainId : doomed) {
            try {
                if (delete(chainId)) {
                    pruned.add(chainId);
                } else {
                    notes.add("chain " + chainId + " is past retention but protected by an immutability policy; it will be pruned when the policy allows");
                }
            } catch (BlobStorageException e) {
                // the point just written stands; a credential that may not delete must be named, not mistaken for WORM
                notes.add("RETENTION NOT APPLIED: cannot delete chain " + chainId + " (" + e.getStatusCode() + " " + e.getErrorCode()
                        + "); give the backup job's credential delete permission on the backup container");
            }
        }
        return pruned;
    }

    private ManifestHeader fullHeader(BackupCatalog.ChainListing chain) {
        if (!chain.complete().contains(0)) return null;
        try {
            return catalog.manifest(chain.chainId(), 0).header();
        } catch (BackupError unreadable) {
            return null; // a broken chain is pruned by count like any unlabelled one
        }
    }

    /** Manifests first, so a half-pruned chain is never mistaken for a restorable one. */
    private boolean delete(String chainId) {
        List<String> names = new ArrayList<>();
        for (BlobItem b : container.listBlobs(new ListBlobsOptions().setPrefix(BackupLayout.CHAINS + chainId + "/"), null)) {
            names.add(b.getName());
        }
        names.sort((a, b) -> Boolean.compare(!a.endsWith(BackupLayout.MANIFEST), !b.endsWith(BackupLayout.MANIFEST)));
        for (String n : names) {
            try {
                container.getBlobClient(n).deleteIfExists();
            } catch (BlobStorageException e) {
                // Only the policy's own error code means "protected"; a 403 from a bad SAS must surface as such.
                if (BlobErrorCode.BLOB_IMMUTABLE_DUE_TO_POLICY.equals(e.getErrorCode())) return false;
                throw e;
            }
        }
        return true;
    }
}
