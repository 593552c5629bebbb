package io.drp.backup;

import io.drp.listing.ObjectKey;
import io.drp.storage.BlobAttributes;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a manifest. Every manifest lists the whole state of production at its watermark, sorted by
 * container then name, so that consecutive manifests can be merge-joined in constant memory:
 * <ul>
 *   <li>{@code PUT}: the object is new or changed; its bytes are stored in this point;</li>
 *   <li>{@code KEEP}: bytes unchanged; they live in the earlier point {@code dataSeq} of the chain (its attributes,
 *   which can change without the bytes, are this point's);</li>
 *   <li>{@code DELETE}: it existed at the previous point and is gone now (no size, no hash).</li>
 * </ul>
 */
public record ManifestEntry(
        Op op,
        String container,
        String name,
        long size,
        String sha256,
        Instant lastModified,
        String etag,
        int dataSeq,
        BlobAttributes attributes) {

    public enum Op { PUT, KEEP, DELETE }

    /** An entry of a drp-manifest/1 point, which recorded no attributes. */
    public ManifestEntry(Op op, String container, String name, long size, String sha256, Instant lastModified, String etag, int dataSeq) {
        this(op, container, name, size, sha256, lastModified, etag, dataSeq, null);
    }

    public ManifestEntry {
        Objects.requireNonNull(op, "'op' cannot be null.");
        Objects.requireNonNull(container, "'container' cannot be null.");
        Objects.requireNonNull(name, "'name' cannot be null.");
        if (op != Op.DELETE) {
            Objects.requireNonNull(sha256, "'sha256' cannot be null.");
            if (size < 0) throw new IllegalArgumentException("size cannot be negative");
            if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        if (dataSeq < 0) throw new IllegalArgumentException("dataSeq cannot be negative");
    }

    public boolean live() {
        return op != Op.DELETE;
    }

    public ObjectKey key() {
        return new ObjectKey(container, name);
    }

    /** "container/name": how objects are named in reports. */
    public String path() {
        return container + "/" + name;
    }

    /** Manifest order: container, then name, by UTF-16 code unit: the order Azurite lists in (tested with emoji and U+E000-U+FFFF names). */
    public static int compareKeys(String c1, String n1, String c2, String n2) {
        return new ObjectKey(c1, n1).compareTo(new ObjectKey(c2, n2));
    }
}
