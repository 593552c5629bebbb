package io.drp.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.storage.BlobAttributes;

import java.util.Map;
import java.util.TreeMap;

/** An entry's {@code attrs} object in a drp-manifest/2 line; absent fields are absent attributes. */
final class AttributesCodec {

    private AttributesCodec() {}

    static ObjectNode write(ObjectMapper json, BlobAttributes a) {
        ObjectNode n = json.createObjectNode();
        put(n, "contentType", a.contentType());
        put(n, "contentEncoding", a.contentEncoding());
        put(n, "contentLanguage", a.contentLanguage());
        put(n, "contentDisposition", a.contentDisposition());
        put(n, "cacheControl", a.cacheControl());
        put(n, "contentMd5", a.contentMd5());
        put(n, "tier", a.tier());
        if (!a.metadata().isEmpty()) a.metadata().forEach(n.putObject("metadata")::put);
        if (!a.tags().isEmpty()) a.tags().forEach(n.putObject("tags")::put);
        return n;
    }

    static BlobAttributes read(JsonNode n, ManifestCodec.Where where) {
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw where.bad("field 'attrs' is not an object");
        return new BlobAttributes(text(n, "contentType", where), text(n, "contentEncoding", where), text(n, "contentLanguage", where),
                text(n, "contentDisposition", where), text(n, "cacheControl", where), text(n, "contentMd5", where),
                map(n, "metadata", where), map(n, "tags", where), text(n, "tier", where));
    }

    private static void put(ObjectNode n, String k, String v) {
        if (v != null) n.put(k, v);
    }

    private static String text(JsonNode n, String f, ManifestCodec.Where where) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw where.bad("attribute '" + f + "' is not text");
        return v.asText();
    }

    private static Map<String, String> map(JsonNode n, String f, ManifestCodec.Where where) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) return Map.of();
        if (!v.isObject()) throw where.bad("attribute '" + f + "' is not an object");
        Map<String, String> out = new TreeMap<>();
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) throw where.bad("attribute '" + f + "." + e.getKey() + "' is not text");
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
