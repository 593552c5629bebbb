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
    private final Integer pageSize;

    RetentionPruner(BackupCatalog catalog, BlobContainerClient container, int retainChains, Duration keepLabelled) {
        this(catalog, container, retainChains, keepLabelled, null);
    }

    /** @param pageSize blobs per listing page, null for the service's default (5,000); tests make it small */
    RetentionPruner(BackupCatalog catalog, BlobContainerClient container, int retainChains, Duration keepLabelled, Integer pageSize) {
        this.catalog = catalog;
        this.container = container;
        this.retainChains = retainChains;
        this.keepLabelled = keepLabelled;
        this.pageSize = pageSize;
    }

    /** @return the chains removed; {@code notes} gets the ones kept back by a policy */
    List<String> prune(Instant now, List<String> notes) {
        List<BackupCatalog.ChainListing> unlabelled = new ArrayList<>();
        List<BackupCatalog.ChainListing> expired = new ArrayList<>();
        for (BackupCatalog.ChainListing chain : catalog.chains()) {
            ManifestHeader full = fullHeader(chain);
            if (full == null || full.label() == null) {
                unlabelled.add(chain);
            } else if (Duration.between(full.watermark(), now).compareTo(keepLabelled) >= 0) {
                expired.add(chain);
            }
        }
        // the listing left out prefixes that are not drp chains: they neither count toward retainChains nor get deleted
        for (String p : catalog.ignoredPrefixes()) {
            notes.add("ignored " + p + " in the backup container: not a chain or point drp writes; retention neither counts nor deletes it."
                    + " Find out who wrote it");
        }
        List<BackupCatalog.ChainListing> doomed = new ArrayList<>(expired);
        for (int i = 0; i < unlabelled.size() - retainChains; i++) doomed.add(unlabelled.get(i));
        List<String> pruned = new ArrayList<>();
        for (BackupCatalog.ChainListing chain : doomed) {
            String chainId = chain.chainId();
            try {
                if (delete(chain)) {
                    catalog.forgetCached(chainId);
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

    /**
     * Manifests first, so a half-pruned chain is never mistaken for a restorable one: the full snapshot's
     * manifest goes first (without it no point of the chain can be planned), then the other manifests, then the
     * data, deleted as the listing pages arrive so memory does not grow with the chain's object count.
     */
    private boolean delete(BackupCatalog.ChainListing chain) {
        String chainId = chain.chainId();
        // ascending, so point 0 (the full snapshot) goes first; incomplete points have no manifest to delete
        for (int seq : chain.complete()) {
            if (!deleteBlob(BackupLayout.manifestBlob(chainId, seq))) return false;
        }
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(BackupLayout.CHAINS + chainId + "/").setMaxResultsPerPage(pageSize);
        for (BlobItem b : container.listBlobs(options, null)) {
            if (!deleteBlob(b.getName())) return false;
        }
        return true;
    }

    /** @return false when an immutability policy protects the blob */
    private boolean deleteBlob(String name) {
        try {
            container.getBlobClient(name).deleteIfExists();
            return true;
        } catch (BlobStorageException e) {
            // Only the policy's own error code means "protected"; a 403 from a bad SAS must surface as such.
            if (BlobErrorCode.BLOB_IMMUTABLE_DUE_TO_POLICY.equals(e.getErrorCode())) return false;
            throw e;
        }
    }
}
