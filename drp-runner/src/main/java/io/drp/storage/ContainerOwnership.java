package io.drp.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobContainerProperties;

import java.util.Map;
import java.util.Optional;

/**
 * Which containers are drp's to empty or delete: only those drp created, in this very account. drp marks a container
 * it creates with {@code drpowner = drp:<account>:<run id>}. The mark names the account, so a container whose metadata
 * was copied from elsewhere, or a production container drp was somehow pointed at, does not prove itself drp's;
 * and a container that existed before drp, even an empty one, carries no mark at all and is never touched.
 * <p>
 * The check sits where the deletion happens ({@link BatchDeletion}, {@link #deleteOwned}), so no caller can skip it.
 */
public final class ContainerOwnership {

    /** Metadata key of the mark (lowercase: Azurite lowercases metadata keys, Azure compares them case-insensitively). */
    public static final String OWNER = "drpowner";
    /** The mark of drp before the mark named its account: it proves nothing about where the container is. */
    public static final String LEGACY = "drpmanaged";
    /** What {@code drp restore} marks the containers it creates with: the run's id. A restore's data is never a drill's to clear. */
    public static final String RESTORED_BY = "drprestore";

    private ContainerOwnership() {}

    /** The mark value for a container created by run {@code runId} in {@code account}. */
    public static String mark(StorageAccount account, String runId) {
        return "drp:" + account.accountName() + ":" + runId;
    }

    /** The metadata drp creates a container with: the mark only. */
    public static Map<String, String> metadata(StorageAccount account, String runId) {
        return Map.of(OWNER, mark(account, runId));
    }

    /** The run that created the container in this account, or empty when the container is not drp's here. */
    public static Optional<String> ownerRun(StorageAccount account, Map<String, String> metadata) {
        String v = metadata == null ? null : metadata.get(OWNER);
        String prefix = "drp:" + account.accountName() + ":";
        return v != null && v.startsWith(prefix) && v.length() > prefix.length() ? Optional.of(v.substring(prefix.length())) : Optional.empty();
    }

    /**
     * Why drp may not touch this existing container, in words for a one-line refusal; empty when it is drp's in this
     * account. Never says "yes" for a container without the account's mark.
     */
    public static Optional<String> whyNotOwned(StorageAccount account, Map<String, String> metadata) {
        if (ownerRun(account, metadata).isPresent()) return Optional.empty();
        String v = metadata == null ? null : metadata.get(OWNER);
        if (v != null) return Optional.of("carries drp's mark for another account (" + v + "), so it was not created here by drp");
        if (metadata != null && metadata.get(RESTORED_BY) != null) {
            return Optional.of("holds the data of drp restore " + metadata.get(RESTORED_BY) + ", which may be a live recovery, so no drill "
                    + "empties it; once that recovery is over delete the container yourself, or give drills a recovery account of their own");
        }
        if (metadata != null && metadata.containsKey(LEGACY)) {
            return Optional.of("carries the 'drpmanaged' mark of an older drp, which cannot prove the container is in the recovery account; "
                    + "if it is a drill's leftover, delete it yourself once");
        }
        return Optional.of("existed before drp (it carries no drp mark), and drp never adopts, empties or deletes a container it did not create");
    }

    /** @throws StorageError unless the container carries this account's mark: the gate in front of every deletion */
    public static void requireOwned(StorageAccount account, BlobContainerClient container) {
        BlobContainerProperties p = container.getProperties();
        whyNotOwned(account, p.getMetadata()).ifPresent(why -> {
            throw new StorageError("container '" + container.getBlobContainerName() + "' in " + account.endpoint() + " " + why
                    + "; drp did not touch it");
        });
    }

    /** Deletes the container if it exists and is drp's in this account; leaves any other container alone. */
    public static boolean deleteOwned(StorageAccount account, BlobContainerClient container) {
        if (!container.exists()) return false;
        if (whyNotOwned(account, container.getProperties().getMetadata()).isPresent()) return false;
        container.delete();
        return true;
    }
}
