package io.drp.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the backup container says about recoverability, read once so the judgement ({@link StatusEvaluator})
 * is pure. {@code newestPoint}/{@code watermark} are null when nothing can be restored. {@code problems}: newer
 * points that cannot be used (the chain is broken there); {@code skipped}: older broken points a good point links
 * past; {@code incomplete}: points with data but no manifest after the newest complete one (a backup running or
 * crashed). {@code signing}: whether the points were verified against declared keys; null when not read.
 */
public record BackupFacts(String newestPoint, Instant watermark, boolean fullSnapshotPresent, List<String> problems,
                          List<String> skipped, List<String> incomplete, Signing signing) {

    /**
     * {@code signed}: every point of the plan was verified against {@code backup.signing.publicKeys}, by the keys
     * {@code keyIds} name; {@code acceptUnsigned}: drp.yaml accepts unauthenticated points by name.
     */
    public record Signing(boolean signed, boolean acceptUnsigned, List<String> keyIds) {
        public Signing {
            keyIds = List.copyOf(keyIds);
        }
    }

    public BackupFacts(String newestPoint, Instant watermark, boolean fullSnapshotPresent, List<String> problems,
                       List<String> skipped, List<String> incomplete) {
        this(newestPoint, watermark, fullSnapshotPresent, problems, skipped, incomplete, null);
    }

    public BackupFacts {
        if ((newestPoint == null) != (watermark == null)) throw new IllegalArgumentException("a point and its watermark go together");
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
        incomplete = List.copyOf(incomplete);
    }

    public static BackupFacts point(String id, Instant watermark) {
        Objects.requireNonNull(id, "'id' cannot be null.");
        return new BackupFacts(id, watermark, true, List.of(), List.of(), List.of());
    }
}
