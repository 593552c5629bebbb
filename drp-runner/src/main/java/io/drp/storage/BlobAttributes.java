package io.drp.storage;

import com.azure.storage.blob.models.AccessTier;
import com.azure.storage.blob.models.BlobDownloadHeaders;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItemProperties;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything about an object besides its bytes that an application depends on: the five content headers, the
 * stored Content-MD5, user metadata, blob index tags and the access tier. Backed up, restored and verified
 * with the bytes, because a web asset served with the wrong Content-Type is not recovered.
 *
 * <p>Metadata keys compare case-insensitively: Azure treats them so, and the emulator lowercases them.
 */
public record BlobAttributes(String contentType, String contentEncoding, String contentLanguage, String contentDisposition,
                             String cacheControl, String contentMd5, Map<String, String> metadata, Map<String, String> tags,
                             String tier) {

    public BlobAttributes {
        contentType = blankToNull(contentType);
        contentEncoding = blankToNull(contentEncoding);
        contentLanguage = blankToNull(contentLanguage);
        contentDisposition = blankToNull(contentDisposition);
        cacheControl = blankToNull(cacheControl);
        contentMd5 = blankToNull(contentMd5);
        metadata = metadata == null ? Map.of() : Map.copyOf(new TreeMap<>(metadata));
        tags = tags == null ? Map.of() : Map.copyOf(new TreeMap<>(tags));
        tier = blankToNull(tier);
    }

    /** No attributes: what an object written without any gets. */
    public static final BlobAttributes NONE = new BlobAttributes(null, null, null, null, null, null, null, null, null);

    /** What a GET's response headers say: headers and metadata (a GET reports neither tags nor tier). */
    public static BlobAttributes of(BlobDownloadHeaders h) {
        return new BlobAttributes(h.getContentType(), h.getContentEncoding(), h.getContentLanguage(), h.getContentDisposition(),
                h.getCacheControl(), md5(h.getContentMd5() != null ? h.getContentMd5() : h.getBlobContentMD5()), h.getMetadata(), Map.of(), null);
    }

    /** What a listing with metadata and tags says about an object. */
    public static BlobAttributes of(BlobItemProperties p, Map<String, String> metadata, Map<String, String> tags) {
        return new BlobAttributes(p.getContentType(), p.getContentEncoding(), p.getContentLanguage(), p.getContentDisposition(),
                p.getCacheControl(), md5(p.getContentMd5()), metadata, tags, p.getAccessTier() == null ? null : p.getAccessTier().toString());
    }

    public static String md5(byte[] md5) {
        return md5 == null || md5.length == 0 ? null : Base64.getEncoder().encodeToString(md5);
    }

    public BlobHttpHeaders headers() {
        return new BlobHttpHeaders().setContentType(contentType).setContentEncoding(contentEncoding).setContentLanguage(contentLanguage)
                .setContentDisposition(contentDisposition).setCacheControl(cacheControl)
                .setContentMd5(contentMd5 == null ? null : Base64.getDecoder().decode(contentMd5));
    }

    public AccessTier accessTier() {
        return tier == null ? null : AccessTier.fromString(tier);
    }

    public boolean archived() {
        return "Archive".equalsIgnoreCase(tier);
    }

    /** The same attributes with the tier and tags the listing reports now (they change without moving the ETag). */
    public BlobAttributes withTagsAndTier(Map<String, String> newTags, String newTier) {
        return new BlobAttributes(contentType, contentEncoding, contentLanguage, contentDisposition, cacheControl, contentMd5, metadata,
                newTags, newTier);
    }

    /** The names of the attributes that differ, e.g. {@code [contentType, metadata.owner]}; empty when equal. */
    public List<String> differences(BlobAttributes got) {
        List<String> out = new ArrayList<>();
        diff(out, "contentType", contentType, got.contentType);
        diff(out, "contentEncoding", contentEncoding, got.contentEncoding);
        diff(out, "contentLanguage", contentLanguage, got.contentLanguage);
        diff(out, "contentDisposition", contentDisposition, got.contentDisposition);
        diff(out, "cacheControl", cacheControl, got.cacheControl);
        // an object without a stored MD5 may get one computed by the service on a single-shot upload: only a loss counts
        if (contentMd5 != null) diff(out, "contentMd5", contentMd5, got.contentMd5);
        Map<String, String> want = lower(metadata), have = lower(got.metadata);
        for (String k : union(want, have)) diff(out, "metadata." + k, want.get(k), have.get(k));
        for (String k : union(tags, got.tags)) diff(out, "tags." + k, tags.get(k), got.tags.get(k));
        // the default tier is inherited from the account; only an explicitly recorded tier must match
        if (tier != null && got.tier != null && !tier.equalsIgnoreCase(got.tier)) out.add("tier");
        return out;
    }

    private static void diff(List<String> out, String name, String a, String b) {
        if (!Objects.equals(a, b)) out.add(name);
    }

    private static Map<String, String> lower(Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> s = new java.util.TreeSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
