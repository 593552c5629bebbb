package io.drp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerBook;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger's readers on the command line: a forged line, a torn append, and signing keys from drp.yaml. */
class LedgerCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILED_ID = SampleReportsAccess.failed().drillId();

    /** One hand-written line that claims a passed drill after the last record, with a made-up recordSha256. */
    static void appendForgedPassedDrill(Path ledgerFile, String drillId, java.time.Instant finishedAt) throws Exception {
        List<String> lines = Files.readAllLines(ledgerFile);
        JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
        ObjectNode forged = (ObjectNode) JSON.readTree(lines.get(lines.size() - 1));
        forged.put("seq", last.get("seq").asLong() + 1);
        forged.put("drillId", drillId);
        forged.put("verdict", "PASSED");
        forged.put("finishedAt", finishedAt.toString());
        forged.put("prevSha256", last.get("recordSha256").asText());
        forged.put("recordSha256", "ab".repeat(32));
        Files.writeString(ledgerFile, forged + "\n", StandardOpenOption.APPEND);
    }

    private static List<String> drillIds(JsonNode history) {
        List<String> ids = new ArrayList<>();
        history.get("records").forEach(r -> ids.add(r.get("drillId").asText()));
        return ids;
    }

    @Test
    void aForgedLineIsShownNeitherByHistoryNorOnTheHistoryPage(@TempDir Path tmp) throws Exception {
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        ReportJson.write(SampleReportsAccess.failed(), reports);
        new LedgerBook(ledger, Optional.empty()).record(SampleReportsAccess.failed(), reports);
        appendForgedPassedDrill(ledger.resolve(DrillLedger.FILE), "d-forged", java.time.Instant.now());

        CliTest.Run json = CliTest.drp("history", "--ledger", ledger.toString(), "--format", "json");
        CliTest.Run text = CliTest.drp("history", "--ledger", ledger.toString());
        CliTest.Run page = CliTest.drp("report", "--history", "--ledger", ledger.toString(), "--report-dir", reports.toString());

        assertEquals(0, json.code(), json.err());
        JsonNode doc = JSON.readTree(json.out());
        assertEquals(List.of(FAILED_ID), drillIds(doc));
        assertTrue(doc.at("/verification/unverified").asText().contains("records from line 2 on are unverified and not shown"), json.out());
        assertTrue(text.out().lines().noneMatch(l -> l.contains("d-forged") && l.contains("PASSED")), "no row for the forged run: " + text.out());
        assertTrue(text.out().contains("0 of 1 runs passed"), text.out());
        assertTrue(text.out().contains("ledger broken at line 2 (drill d-forged): record content does not match its hash"), text.out());
        assertEquals(0, page.code(), page.err());
        String html = Files.readString(reports.resolve("history.html"));
        assertFalse(html.contains("d-forged</"), "the forged run is not a row on the page");
        assertTrue(html.contains("unverified and not shown"), html);
    }

    @Test
    void aTornAppendIsCutAndTheNextRunIsRecordedCleanly(@TempDir Path tmp) throws Exception {
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        Path file = ledger.resolve(DrillLedger.FILE);
        ReportJson.write(SampleReportsAccess.failed(), reports);
        new LedgerBook(ledger, Optional.empty()).record(SampleReportsAccess.failed(), reports);
        // a second append that died mid-write: the first bytes of a record, no newline
        String whole = Files.readAllLines(file).get(0).replace("\"seq\":1", "\"seq\":2");
        Files.writeString(file, whole.substring(0, 80), StandardOpenOption.APPEND);

        CliTest.Run torn = CliTest.drp("verify-ledger", "--ledger", ledger.toString(), "--reports", reports.toString());
        assertEquals(0, torn.code(), torn.err());
        assertTrue(torn.err().contains("torn line of 80 byte(s)"), torn.err());

        ReportJson.write(SampleReportsAccess.aborted(), reports);
        var note = new LedgerBook(ledger, Optional.empty()).record(SampleReportsAccess.aborted(), reports);
        assertFalse(note.failed(), note.text());
        assertTrue(note.text().contains("record 2") && note.text().contains("cut before appending"), note.text());

        CliTest.Run verify = CliTest.drp("verify-ledger", "--ledger", ledger.toString(), "--reports", reports.toString());
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.out().contains("ledger intact: 2 record(s)"), verify.out());
        CliTest.Run history = CliTest.drp("history", "--ledger", ledger.toString(), "--format", "json");
        assertEquals(List.of(FAILED_ID, "d-aborted"), drillIds(JSON.readTree(history.out())));
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        for (String line : lines) JSON.readTree(line); // each a whole record, none glued to the fragment
    }

    private static Path pem(Path file, String type, byte[] der) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n");
    }

    private static Path config(Path tmp, String name, Path ledger, String publicKeys) throws Exception {
        return Files.writeString(tmp.resolve(name), CliTest.VALID + "ledger:\n  dir: '" + ledger + "'\n  publicKeys: " + publicKeys + "\n");
    }

    @Test
    void publicKeysFromDrpYamlCheckEverySignatureAcrossARotation(@TempDir Path tmp) throws Exception {
        KeyPair a = KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), b = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path aPub = pem(tmp.resolve("keys/a.pub.pem"), "PUBLIC KEY", a.getPublic().getEncoded());
        Path bPub = pem(tmp.resolve("keys/b.pub.pem"), "PUBLIC KEY", b.getPublic().getEncoded());
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        ReportJson.write(SampleReportsAccess.failed(), reports);
        new LedgerBook(ledger, Optional.empty(), Optional.of(a.getPrivate())).record(SampleReportsAccess.failed(), reports);
        new LedgerBook(ledger, Optional.empty(), Optional.of(b.getPrivate())).record(SampleReportsAccess.failed(), reports); // rotated

        CliTest.Run both = CliTest.drp("verify-ledger", "-c", config(tmp, "both.yaml", ledger, "[keys/a.pub.pem, keys/b.pub.pem]").toString(),
                "--reports", reports.toString());
        CliTest.Run oldOnly = CliTest.drp("verify-ledger", "-c", config(tmp, "old.yaml", ledger, "[keys/a.pub.pem]").toString(),
                "--reports", reports.toString());
        CliTest.Run flags = CliTest.drp("verify-ledger", "--ledger", ledger.toString(), "--reports", reports.toString(),
                "--public-key", aPub.toString(), "--public-key", bPub.toString());
        CliTest.Run none = CliTest.drp("verify-ledger", "--ledger", ledger.toString(), "--reports", reports.toString());
        CliTest.Run missing = CliTest.drp("verify-ledger", "-c", config(tmp, "typo.yaml", ledger, "[keys/c.pub.pem]").toString());

        assertEquals(0, both.code(), both.err());
        assertTrue(both.out().contains("ledger intact: 2 record(s)") && both.out().contains("every signature checked"), both.out());
        assertEquals(1, oldOnly.code(), oldOnly.out());
        assertTrue(oldOnly.err().contains(":2 (drill " + FAILED_ID + "): record is signed by key ")
                && oldOnly.err().contains("which is not among the configured public keys"), oldOnly.err());
        assertEquals(0, flags.code(), flags.err());
        assertTrue(flags.out().contains("every signature checked"), flags.out());
        assertEquals(0, none.code(), none.err());
        assertTrue(none.out().contains("signatures not checked (no public key configured)"), none.out());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("ledger.publicKeys[0]") && missing.err().contains("c.pub.pem not found"), missing.err());
    }
}
