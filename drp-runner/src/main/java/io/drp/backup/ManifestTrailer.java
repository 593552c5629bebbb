package io.drp.backup;

/**
 * Last line of a manifest. Its presence proves the manifest is complete; {@code bodySha256} covers every
 * byte before it, so truncation and edits are both detected. A hash has no key, though: anyone who can write a blob
 * can compute one. {@code signature} (Ed25519, base64, by the key {@code keyId} names; see {@link ManifestSignature})
 * proves the backup job wrote it. Both are null in an unsigned manifest.
 */
public record ManifestTrailer(long entries, long liveObjects, long liveBytes, long puts, long putBytes, long deletes, String bodySha256,
                              String consistency, String keyId, String signature) {

    public ManifestTrailer(long entries, long liveObjects, long liveBytes, long puts, long putBytes, long deletes, String bodySha256,
                           String consistency) {
        this(entries, liveObjects, liveBytes, puts, putBytes, deletes, bodySha256, consistency, null, null);
    }

    public boolean signed() {
        return signature != null;
    }

    ManifestTrailer signedAs(String keyId, String signature) {
        return new ManifestTrailer(entries, liveObjects, liveBytes, puts, putBytes, deletes, bodySha256, consistency, keyId, signature);
    }

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
        if ((keyId == null) != (signature == null)) throw new IllegalArgumentException("fields 'keyId' and 'signature' go together");
        if (keyId != null && !keyId.matches("[0-9a-f]{16}")) throw new IllegalArgumentException("field 'keyId' is not 16 hex digits");
    }
}
