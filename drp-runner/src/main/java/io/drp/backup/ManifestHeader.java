package io.drp.backup;

import java.time.Instant;
import java.util.List;

/**
 * First line of a manifest. {@code previousManifestSha256} chains each point to its predecessor, so a
 * replaced or missing incremental is detected rather than silently skipped.
 */
public record ManifestHeader(
        String format,
        String chainId,
        int seq,
        PointKind kind,
        Instant watermark,
        Instant completedAt,
        String previousManifestSha256,
        List<String> containers) {

    public static final String FORMAT = "drp-manifest/1";

    public String pointId() {
        return BackupLayout.pointId(chainId, seq);
    }
}
