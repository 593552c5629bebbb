package io.drp.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.digest.Sha256;
import io.drp.model.Verdict;

import java.io.IOException;
import java.time.Instant;

/** A ledger record to and from its JSON line, and the canonical form its hash and signature cover. */
final class LedgerCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerCodec() {}

    static String canonical(LedgerRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", r.seq());
        n.put("drillId", r.drillId());
        n.put("verdict", r.verdict().name());
        n.put("scenario", r.scenario());
        n.put("disasterAt", r.disasterAt() == null ? null : r.disasterAt().toString());
        n.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        n.put("rtoSeconds", r.rtoSeconds());
        n.put("rpoSeconds", r.rpoSeconds());
        n.put("recoveryPoint", r.recoveryPoint());
        n.put("reportSha256", r.reportSha256());
        n.put("prevSha256", r.prevSha256());
        if (!"drill".equals(r.kind())) n.put("kind", r.kind());
        ResourceSeconds.write(n, r.resourceSeconds());
        // only when present, so records written before key ids existed keep their hashes
        if (r.keyId() != null) n.put("keyId", r.keyId());
        return n.toString();
    }

    static String line(LedgerRecord r) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(canonical(r));
        n.put("recordSha256", r.recordSha256());
        if (r.signature() != null) n.put("signature", r.signature());
        return n.toString();
    }

    static LedgerRecord parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        return new LedgerRecord(n.get("seq").asLong(), n.get("drillId").asText(), Verdict.valueOf(n.get("verdict").asText()),
                text(n, "scenario"), instant(n, "disasterAt"), instant(n, "finishedAt"), number(n, "rtoSeconds"),
                number(n, "rpoSeconds"), text(n, "recoveryPoint"), text(n, "reportSha256"), text(n, "prevSha256"),
                text(n, "recordSha256"), text(n, "kind"), text(n, "signature"), ResourceSeconds.read(n), text(n, "keyId"));
    }

    /** Whether the text is a whole record: tells a last line that lost only its newline from a torn one. */
    static boolean parses(String line) {
        try {
            parse(line);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static LedgerRecord withHash(LedgerRecord r, String hash, String signature) {
        return new LedgerRecord(r.seq(), r.drillId(), r.verdict(), r.scenario(), r.disasterAt(), r.finishedAt(), r.rtoSeconds(),
                r.rpoSeconds(), r.recoveryPoint(), r.reportSha256(), r.prevSha256(), hash, r.kind(), signature, r.resourceSeconds(), r.keyId());
    }

    static String sha256(byte[] b) {
        return Sha256.of(b);
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static Instant instant(JsonNode n, String f) {
        String s = text(n, f);
        return s == null ? null : Instant.parse(s);
    }
}
