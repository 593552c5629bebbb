package io.drp.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Someone who can write the ledger file tries to rewrite history; signatures and the mirror must catch it. */
class LedgerTamperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An in-memory mirror: what the blob mirror stores, one exact line per sequence number. */
    private static final class MemoryMirror implements LedgerMirror {
        final Map<Long, String> lines = new TreeMap<>();
        public void put(LedgerRecord record, String line) { lines.put(record.seq(), line); }
        public long count() { return lines.size(); }
        public Map<Long, String> lines() { return lines; }
        public String describe() { return "memory"; }
    }

    private static KeyPair keys(Path dir) throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("key.pub.pem"), pem("PUBLIC KEY", kp.getPublic().getEncoded()));
        return kp;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void append(DrillLedger l, int n) {
        DrillReport r = SampleReportsAccess.failed();
        for (int i = 0; i < n; i++) l.append(r, (ReportJson.toJson(r) + i).getBytes(StandardCharsets.UTF_8));
    }

    /** What a forger without the key can do: change record {@code seq} and recompute every hash from there on. */
    private static void rewriteAndRehash(Path file, int seq) throws Exception {
        List<String> out = new ArrayList<>();
        String prev = LedgerRecord.GENESIS;
        for (String line : Files.readAllLines(file)) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            if (n.get("seq").asInt() == seq) n.put("verdict", Verdict.PASSED.name());
            n.put("prevSha256", prev);
            n.remove("recordSha256");
            String signature = n.has("signature") ? n.remove("signature").asText() : null;
            // the forger knows the format: every field the line carries (key id included) goes into the hash
            String hash = DrillLedger.sha256(DrillLedger.canonical(LedgerCodec.parse(n.toString())).getBytes(StandardCharsets.UTF_8));
            n.put("recordSha256", hash);
            if (signature != null) n.put("signature", signature);
            out.add(JSON.writeValueAsString(n));
            prev = hash;
        }
        Files.write(file, out);
    }

    @Test
    void aRecordRewrittenWithEveryLaterHashRecomputedPassesTheChainButNotTheSignature(@TempDir Path tmp) throws Exception {
        keys(tmp);
        DrillLedger signed = new DrillLedger(tmp, Optional.empty(), Optional.of(LedgerSigning.readPrivate(tmp.resolve("key.pem"))));
        append(signed, 4);
        assertTrue(signed.verify(Optional.of(LedgerSigning.readPublic(tmp.resolve("key.pub.pem")))).intact());

        rewriteAndRehash(signed.file(), 2);

        assertTrue(signed.verify().intact(), "the forger recomputed the chain: hashes alone cannot tell");
        LedgerVerification v = signed.verify(Optional.of(LedgerSigning.readPublic(tmp.resolve("key.pub.pem"))));
        assertFalse(v.intact());
        assertEquals(2, v.brokenAt());
        assertTrue(v.reason().contains("signature does not match"), v.reason());
    }

    @Test
    void anUnsignedRecordIsNamedWhenAPublicKeyIsGiven(@TempDir Path tmp) throws Exception {
        keys(tmp);
        append(new DrillLedger(tmp, Optional.empty(), Optional.of(LedgerSigning.readPrivate(tmp.resolve("key.pem")))), 2);
        LedgerSignatureTest.appendUnsignedByHand(tmp.resolve(DrillLedger.FILE), "d-unsigned"); // a tool without the key

        LedgerVerification v = new DrillLedger(tmp, Optional.empty()).verify(Optional.of(LedgerSigning.readPublic(tmp.resolve("key.pub.pem"))));

        assertFalse(v.intact());
        assertEquals(3, v.brokenAt());
        assertTrue(v.reason().contains("no signature"), v.reason());
    }

    @Test
    void twoRecordsSwappedAreCaught(@TempDir Path tmp) throws Exception {
        DrillLedger l = new DrillLedger(tmp, Optional.empty());
        append(l, 4);
        List<String> lines = new ArrayList<>(Files.readAllLines(l.file()));
        String second = lines.get(1);
        lines.set(1, lines.get(2));
        lines.set(2, second);
        Files.write(l.file(), lines);

        LedgerVerification v = l.verify();

        assertFalse(v.intact());
        assertEquals(2, v.brokenAt());
    }

    @Test
    void theMirrorCatchesARemovedLastRecordAndARewrittenOne(@TempDir Path tmp) throws Exception {
        MemoryMirror mirror = new MemoryMirror();
        DrillLedger l = new DrillLedger(tmp, Optional.of(mirror));
        append(l, 4);
        assertTrue(l.verify().intact());

        List<String> lines = new ArrayList<>(Files.readAllLines(l.file()));
        Files.write(l.file(), lines.subList(0, 3));
        LedgerVerification truncated = l.verify();
        assertFalse(truncated.intact());
        assertTrue(truncated.reason().contains("removed from its end"), truncated.reason());
        assertTrue(new DrillLedger(tmp, Optional.empty()).verify().intact(), "without the mirror a removed tail looks intact");

        Files.write(l.file(), lines);
        rewriteAndRehash(l.file(), 3);
        LedgerVerification rewritten = l.verify();
        assertFalse(rewritten.intact());
        assertEquals(3, rewritten.brokenAt());
        assertTrue(rewritten.reason().contains("differs from its copy in the mirror"), rewritten.reason());
    }
}
