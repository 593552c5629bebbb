package io.drp.backup;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Points with data but no manifest, newer than the recovery point: a backup that crashed or was interrupted.
 * Readers ignore them, which is safe, but a drill that silently falls back hides a broken backup job.
 */
public final class IncompletePoints {

    /** {@code startedAt}: the oldest Last-Modified among the point's first blobs, the closest record of its start. */
    public record Incomplete(String pointId, Instant startedAt) {}

    private static final int SAMPLE = 1000;

    private IncompletePoints() {}

    public static List<Incomplete> newerThan(BlobContainerClient container, List<BackupCatalog.ChainListing> chains, String chainId, int seq) {
        List<Incomplete> out = new ArrayList<>();
        for (BackupCatalog.ChainListing c : chains) {
            int cmp = c.chainId().compareTo(chainId);
            if (cmp < 0) continue;
            for (int s : c.incomplete()) {
                if (cmp == 0 && s <= seq) continue;
                out.add(new Incomplete(BackupLayout.pointId(c.chainId(), s), startedAt(container, c.chainId(), s)));
            }
        }
        return out;
    }

    private static Instant startedAt(BlobContainerClient container, String chainId, int seq) {
        Instant first = null;
        int n = 0;
        for (BlobItem b : container.listBlobs(new ListBlobsOptions().setPrefix(BackupLayout.pointPrefix(chainId, seq)).setMaxResultsPerPage(SAMPLE), null)) {
            Instant t = b.getProperties().getLastModified() == null ? null : b.getProperties().getLastModified().toInstant();
            if (t != null && (first == null || t.isBefore(first))) first = t;
            if (++n >= SAMPLE) break;
        }
        return first;
    }
}
