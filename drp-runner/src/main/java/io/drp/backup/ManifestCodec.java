package io.drp.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One JSON object per manifest line, with a {@code type} tag. Fields are written in a fixed order. */
final class ManifestCodec {

    static final ObjectMapper JSON = JsonMapper.builder().disable(SerializationFeature.INDENT_OUTPUT).build();

    private ManifestCodec() {}

    static String header(ManifestHeader h) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "header");
        n.put("format", h.format());
        n.put("chainId", h.chainId());
        n.put("seq", h.seq());
        n.put("kind", h.kind().name());
        n.put("watermark", h.watermark().toString());
        n.put("previousManifestSha256", h.previousManifestSha256());
        ArrayNode cs = n.putArray("containers");
        h.containers().forEach(cs::add);
        if (h.label() != null) n.put("label", h.label());
        if (h.previousSeq() != null) n.put("previousSeq", h.previousSeq());
        return write(n);
    }

    static String entry(ManifestEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "object");
        n.put("op", e.op().name());
        n.put("container", e.container());
        n.put("name", e.name());
        if (e.live()) {
            n.put("size", e.size());
            n.put("sha256", e.sha256());
            n.put("lastModified", e.lastModified() == null ? null : e.lastModified().toString());
            n.put("etag", e.etag());
            n.put("dataSeq", e.dataSeq());
            if (e.attributes() != null) n.set("attrs", AttributesCodec.write(JSON, e.attributes()));
        }
        return write(n);
    }

    static String trailer(ManifestTrailer t, Instant completedAt) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "trailer");
        n.put("completedAt", completedAt.toString());
        n.put("entries", t.entries());
        n.put("liveObjects", t.liveObjects());
        n.put("liveBytes", t.liveBytes());
        n.put("puts", t.puts());
        n.put("putBytes", t.putBytes());
        n.put("deletes", t.deletes());
        n.put("bodySha256", t.bodySha256());
        if (t.consistency() != null) n.put("consistency", t.consistency());
        if (t.signed()) {
            n.put("keyId", t.keyId());
            n.put("signature", t.signature());
        }
        return write(n);
    }

    private static String write(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- reading: every accessor fails with a message naming the field, never with an NPE ----

    static JsonNode parse(String line, Where where) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) throw where.bad("is not a JSON object");
            return n;
        } catch (JsonProcessingException e) {
            throw where.bad("is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    static String type(JsonNode n, Where where) {
        return text(n, "type", where);
    }

    static ManifestHeader readHeader(JsonNode n, Where where) {
        String format = text(n, "format", where);
        if (!ManifestHeader.FORMAT.equals(format) && !ManifestHeader.FORMAT_V1.equals(format)) {
            throw where.bad("format '" + format + "' is not " + ManifestHeader.FORMAT + " (or the older " + ManifestHeader.FORMAT_V1 + ")");
        }
        List<String> containers = new ArrayList<>();
        JsonNode cs = n.get("containers");
        if (cs == null || !cs.isArray()) throw where.bad("field 'containers' is missing");
        cs.forEach(c -> containers.add(c.asText()));
        JsonNode prev = n.get("previousManifestSha256");
        return new ManifestHeader(format, text(n, "chainId", where), (int) number(n, "seq", where),
                kind(text(n, "kind", where), where), instant(n, "watermark", where), null,
                prev == null || prev.isNull() ? null : prev.asText(), containers, label(n, where), previousSeq(n, where));
    }

    private static Integer previousSeq(JsonNode n, Where where) {
        JsonNode p = n.get("previousSeq");
        if (p == null || p.isNull()) return null;
        if (!p.canConvertToInt() || p.asInt() < 0) throw where.bad("field 'previousSeq' is not a point number");
        return p.asInt();
    }

    private static String label(JsonNode n, Where where) {
        JsonNode l = n.get("label");
        if (l == null || l.isNull()) return null;
        if (!l.isTextual() || !ManifestHeader.LABEL.matcher(l.asText()).matches()) throw where.bad("field 'label' is not a valid label");
        return l.asText();
    }

    static ManifestEntry readEntry(JsonNode n, Where where) {
        ManifestEntry.Op op;
        try {
            op = ManifestEntry.Op.valueOf(text(n, "op", where));
        } catch (IllegalArgumentException e) {
            throw where.bad("field 'op' must be PUT, KEEP or DELETE");
        }
        try {
            if (op == ManifestEntry.Op.DELETE) {
                return new ManifestEntry(op, text(n, "container", where), text(n, "name", where), 0, null, null, null, 0);
            }
            JsonNode etag = n.get("etag");
            JsonNode lm = n.get("lastModified");
            return new ManifestEntry(op, text(n, "container", where), text(n, "name", where), number(n, "size", where),
                    text(n, "sha256", where), lm == null || lm.isNull() ? null : instant(n, "lastModified", where),
                    etag == null || etag.isNull() ? null : etag.asText(), (int) number(n, "dataSeq", where),
                    AttributesCodec.read(n.get("attrs"), where));
        } catch (IllegalArgumentException e) {
            throw where.bad(e.getMessage());
        }
    }

    static ManifestTrailer readTrailer(JsonNode n, Where where) {
        try {
            return trailerOf(n, where);
        } catch (IllegalArgumentException e) {
            throw where.bad(e.getMessage());
        }
    }

    private static ManifestTrailer trailerOf(JsonNode n, Where where) {
        return new ManifestTrailer(number(n, "entries", where), number(n, "liveObjects", where), number(n, "liveBytes", where),
                number(n, "puts", where), number(n, "putBytes", where), number(n, "deletes", where), text(n, "bodySha256", where),
                consistency(n, where), optionalText(n, "keyId", where), optionalText(n, "signature", where));
    }

    /** Absent in unsigned manifests; present, it must be text. */
    private static String optionalText(JsonNode n, String field, Where where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw where.bad("field '" + field + "' is not text");
        return v.asText();
    }

    /** Optional: absent in manifests written before it was recorded. */
    private static String consistency(JsonNode n, Where where) {
        JsonNode c = n.get("consistency");
        if (c == null || c.isNull()) return null;
        if (!c.isTextual() || !ManifestTrailer.CONSISTENCIES.contains(c.asText())) {
            throw where.bad("field 'consistency' must be snapshot, version or fuzzy");
        }
        return c.asText();
    }

    static Instant completedAt(JsonNode n, Where where) {
        return instant(n, "completedAt", where);
    }

    private static PointKind kind(String s, Where where) {
        try {
            return PointKind.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw where.bad("field 'kind' must be FULL or INCREMENTAL");
        }
    }

    private static String text(JsonNode n, String field, Where where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isTextual()) throw where.bad("field '" + field + "' is missing or not text");
        return v.asText();
    }

    private static long number(JsonNode n, String field, Where where) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) throw where.bad("field '" + field + "' is missing or not a whole number");
        long l = v.asLong();
        if (l < 0) throw where.bad("field '" + field + "' is negative");
        return l;
    }

    private static Instant instant(JsonNode n, String field, Where where) {
        String s = text(n, field, where);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw where.bad("field '" + field + "' is not an ISO-8601 instant");
        }
    }

    /** Where a parse error happened, to build the message. */
    record Where(String pointId, long line) {
        BackupError bad(String problem) {
            return new BackupError(pointId, "manifest line " + line + " " + problem);
        }
    }
}
