package io.drp.backup;

import java.time.Instant;
import java.util.List;

/**
 * First line of a manifest. {@code previousManifestSha256} chains each point to its predecessor, so a
 * replaced or missing incremental is detected rather than silently skipped. {@code label} is optional
 * (a snapshot taken before a change, e.g. {@code before-release-4.2}); readers that predate it ignore it.
 * {@code previousSeq} is the point this one follows. It is usually {@code seq - 1}, but a backup never writes a
 * blob name twice (the backup container is WORM), so after a crashed or broken point the next one skips its
 * number and links to the last good point. Absent in manifests written before it existed: then {@code seq - 1}.
 */
public record ManifestHeader(
        String format,
        String chainId,
        int seq,
        PointKind kind,
        Instant watermark,
        Instant completedAt,
        String previousManifestSha256,
        List<String> containers,
        String label,
        Integer previousSeq) {

    /** Version 2 records each object's attributes (content headers, metadata, tags, tier); version 1 did not. */
    public static final String FORMAT = "drp-manifest/2";
    /** Still read: its objects restore with their bytes but default attributes, and the report says so. */
    public static final String FORMAT_V1 = "drp-manifest/1";

    /** False for points written before attributes were recorded. */
    public boolean recordsAttributes() {
        return !FORMAT_V1.equals(format);
    }

    /** Names a point a person can ask for later ({@code drp restore --label}); letters, digits and {@code . _ -}. */
    public static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ManifestHeader {
        if (label != null && !LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("label '" + label + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    public ManifestHeader(String format, String chainId, int seq, PointKind kind, Instant watermark, Instant completedAt,
                          String previousManifestSha256, List<String> containers) {
        this(format, chainId, seq, kind, watermark, completedAt, previousManifestSha256, containers, null, null);
    }

    /** The sequence number of the point this one follows; -1 for a full snapshot. */
    public int follows() {
        return kind == PointKind.FULL ? -1 : previousSeq != null ? previousSeq : seq - 1;
    }

    public String pointId() {
        return BackupLayout.pointId(chainId, seq);
    }
}
