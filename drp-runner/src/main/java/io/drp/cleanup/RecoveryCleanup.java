package io.drp.cleanup;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobContainerListDetails;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import io.drp.storage.ContainerOwnership;
import io.drp.storage.StorageAccount;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and removes what drp left in the recovery account: containers of drills kept with {@code --keep} or
 * interrupted before teardown (they carry drp's mark for this very account), and the sandboxes {@code drp restore}
 * created there (they carry the restore's id). Nothing else is ever listed, so nothing else can be deleted: a
 * container without one of drp's marks, or with another account's, is invisible here. Restore sandboxes may be a live
 * recovery, so they are removed only when asked for by name of the kind ({@code includeRestores}).
 */
public final class RecoveryCleanup {

    /** A container drp created. {@code runId}: the drill or restore that created it. */
    public record Candidate(String container, Kind kind, String runId, Instant lastModified) {}

    public enum Kind { DRILL, RESTORE }

    /** What a clean-up removed, and what it left because it changed since it was listed or was not asked for. */
    public record Outcome(List<Candidate> deleted, List<Candidate> kept) {}

    private RecoveryCleanup() {}

    /** Lists the recovery account's containers (one listing, metadata included) and keeps those drp created here. */
    public static List<Candidate> find(StorageAccount recovery) {
        List<Candidate> out = new ArrayList<>();
        ListBlobContainersOptions options = new ListBlobContainersOptions().setDetails(new BlobContainerListDetails().setRetrieveMetadata(true));
        for (BlobContainerItem item : recovery.client().listBlobContainers(options, null)) {
            classify(recovery, item.getMetadata()).ifPresent(k -> out.add(new Candidate(item.getName(), k.kind(), k.runId(),
                    item.getProperties() == null || item.getProperties().getLastModified() == null ? null
                            : item.getProperties().getLastModified().toInstant())));
        }
        return out;
    }

    private record Mark(Kind kind, String runId) {}

    private static Optional<Mark> classify(StorageAccount recovery, Map<String, String> metadata) {
        Optional<String> drill = ContainerOwnership.ownerRun(recovery, metadata);
        if (drill.isPresent()) return Optional.of(new Mark(Kind.DRILL, drill.get()));
        String restore = metadata == null ? null : metadata.get(ContainerOwnership.RESTORED_BY);
        return restore == null || restore.isBlank() ? Optional.empty() : Optional.of(new Mark(Kind.RESTORE, restore));
    }

    /**
     * Deletes the candidates, each only if it still carries the mark it was listed with (read again just before the
     * delete, so a container re-created by someone else in between is left alone).
     */
    public static Outcome delete(StorageAccount recovery, List<Candidate> candidates, boolean includeRestores) {
        List<Candidate> deleted = new ArrayList<>(), kept = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.kind() == Kind.RESTORE && !includeRestores) {
                kept.add(c);
                continue;
            }
            BlobContainerClient container = recovery.container(c.container());
            boolean gone = switch (c.kind()) {
                case DRILL -> ContainerOwnership.deleteOwned(recovery, container);
                case RESTORE -> deleteRestoreSandbox(recovery, container, c.runId());
            };
            (gone ? deleted : kept).add(c);
        }
        return new Outcome(List.copyOf(deleted), List.copyOf(kept));
    }

    private static boolean deleteRestoreSandbox(StorageAccount recovery, BlobContainerClient container, String runId) {
        if (!container.exists()) return false;
        Optional<Mark> now = classify(recovery, container.getProperties().getMetadata());
        if (now.isEmpty() || now.get().kind() != Kind.RESTORE || !now.get().runId().equals(runId)) return false;
        container.delete();
        return true;
    }
}
