package io.drp.backup;

import io.drp.storage.BlobAttributes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mark on every snapshot a sweep takes: user metadata {@code drpsweep=<target>.<point>}. It makes drp's
 * snapshots findable in production without the local plan, which an ephemeral CI runner does not keep.
 *
 * <p>{@code target} is a hash of the backup account and container: the backup lease is taken per target, so a backup
 * deletes only its own target's leftovers, never the live snapshots of another drp that backs up the same production
 * elsewhere. A snapshot taken with explicit metadata carries that metadata instead of the base blob's, so the mark is
 * added to the base blob's own metadata, and taken off again before the point records the object.
 */
public final class SweepMarker {

    /** Lower case: the emulator lowercases metadata keys, and Azure compares them case-insensitively. */
    public static final String KEY = io.drp.storage.SnapshotOnlyWrites.MARK;

    private final String value;

    private SweepMarker(String value) {
        this.value = value;
    }

    /** The mark of one point's sweep into this backup target. */
    static SweepMarker of(String target, String chainId, int seq) {
        return new SweepMarker(target + "." + chainId + "-" + seq);
    }

    /** Which backup target a sweep belongs to; by account name, so stable across runs, hosts and credentials for the same backup account and container. */
    static String target(String backupAccount, String backupContainer) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((backupAccount + "/" + backupContainer).getBytes(StandardCharsets.UTF_8));
            return "t" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String value() {
        return value;
    }

    /** Whether a mark read from storage was made by a sweep into {@code target}. */
    static boolean ofTarget(String mark, String target) {
        return mark != null && mark.startsWith(target + ".");
    }

    /** The metadata a snapshot is taken with: the base blob's own, plus the mark. */
    Map<String, String> on(Map<String, String> baseMetadata) {
        Map<String, String> m = new LinkedHashMap<>();
        if (baseMetadata != null) baseMetadata.forEach((k, v) -> {
            if (!KEY.equalsIgnoreCase(k)) m.put(k, v);
        });
        m.put(KEY, value);
        return m;
    }

    /** The mark in a blob's or snapshot's metadata, or null. */
    public static String read(Map<String, String> metadata) {
        if (metadata == null) return null;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (KEY.equalsIgnoreCase(e.getKey())) return e.getValue();
        }
        return null;
    }

    /** What the point records of an object read from a snapshot: its attributes without the mark drp put there. */
    static BlobAttributes unmarked(BlobAttributes a) {
        if (read(a.metadata()) == null) return a;
        Map<String, String> m = new LinkedHashMap<>(a.metadata());
        m.keySet().removeIf(KEY::equalsIgnoreCase);
        return new BlobAttributes(a.contentType(), a.contentEncoding(), a.contentLanguage(), a.contentDisposition(), a.cacheControl(),
                a.contentMd5(), m, a.tags(), a.tier());
    }
}
