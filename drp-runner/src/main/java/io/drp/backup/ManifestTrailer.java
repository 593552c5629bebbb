package io.drp.backup;

/**
 * Last line of a manifest. Its presence proves the manifest is complete; {@code bodySha256} covers every
 * byte before it, so truncation and edits are both detected.
 */
public record ManifestTrailer(long entries, long liveObjects, long liveBytes, long puts, long putBytes, long deletes, String bodySha256,
                              String consistency) {

    /**
     * How the point's copies were taken, so that a drill or an auditor can tell an exact point from a smeared one
     * without the backup's log: {@code snapshot} (every copied object snapshotted in one sweep first),
     * {@code version} (each object's version current at the watermark), {@code fuzzy} (each object as the copy
     * reached it). Null in manifests written before it was recorded.
     */
    public static final java.util.Set<String> CONSISTENCIES = java.util.Set.of("snapshot", "version", "fuzzy");

    public ManifestTrailer {
        if (consistency != null && !CONSISTENCIES.contains(consistency)) {
            throw new IllegalArgumentException("field 'consistency' must be snapshot, version or fuzzy, not '" + consistency + "'");
        }
    }
}
