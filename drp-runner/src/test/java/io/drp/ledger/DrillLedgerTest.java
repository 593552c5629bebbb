package io.drp.ledger;

import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrillLedgerTest {

    private static DrillLedger ledgerWith(Path dir, int n) {
        DrillLedger l = new DrillLedger(dir, Optional.empty());
        DrillReport r = SampleReportsAccess.failed();
        for (int i = 0; i < n; i++) {
            l.append(r, (ReportJson.toJson(r) + i).getBytes(StandardCharsets.UTF_8));
        }
        return l;
    }

    @Test
    void appendedRecordsFormAnIntactChain(@TempDir Path tmp) {
        DrillLedger l = ledgerWith(tmp, 5);
        LedgerVerification v = l.verify();
        assertTrue(v.intact(), v.reason());
        assertEquals(5, v.records());
        List<LedgerRecord> all = l.read().records();
        assertEquals(LedgerRecord.GENESIS, all.get(0).prevSha256());
        for (int i = 1; i < all.size(); i++) {
            assertEquals(all.get(i - 1).recordSha256(), all.get(i).prevSha256());
        }
    }

    @Test
    void anAlteredRecordFailsVerificationAtThatRecord(@TempDir Path tmp) throws Exception {
        DrillLedger l = ledgerWith(tmp, 5);
        List<String> lines = new ArrayList<>(Files.readAllLines(l.file()));
        lines.set(2, lines.get(2).replace("\"verdict\":\"FAILED\"", "\"verdict\":\"PASSED\""));
        Files.write(l.file(), lines);

        LedgerVerification v = l.verify();

        assertFalse(v.intact());
        assertEquals(3, v.brokenAt());
        assertTrue(v.reason().contains("altered"), v.reason());
    }

    @Test
    void aRecordAlteredAndRehashedBreaksTheLinkOfTheNextRecord(@TempDir Path tmp) throws Exception {
        DrillLedger l = ledgerWith(tmp, 4);
        List<LedgerRecord> all = l.read().records();
        LedgerRecord forged = new LedgerRecord(2, all.get(1).drillId(), io.drp.model.Verdict.PASSED, all.get(1).scenario(),
                all.get(1).disasterAt(), all.get(1).finishedAt(), 1.0, 1.0, all.get(1).recoveryPoint(), all.get(1).reportSha256(),
                all.get(1).prevSha256(), null, null, null);
        String canonical = DrillLedger.canonical(forged);
        String json = canonical.substring(0, canonical.length() - 1) + ",\"recordSha256\":\"" + DrillLedger.sha256(canonical.getBytes(StandardCharsets.UTF_8)) + "\"}";
        List<String> lines = new ArrayList<>(Files.readAllLines(l.file()));
        lines.set(1, json);
        Files.write(l.file(), lines);

        LedgerVerification v = l.verify();

        assertFalse(v.intact());
        assertEquals(3, v.brokenAt(), "record 2 is self-consistent, record 3 no longer follows it");
        assertTrue(v.reason().contains("does not follow"), v.reason());
    }

    @Test
    void aDeletedRecordIsDetected(@TempDir Path tmp) throws Exception {
        DrillLedger l = ledgerWith(tmp, 4);
        List<String> lines = new ArrayList<>(Files.readAllLines(l.file()));
        lines.remove(1);
        Files.write(l.file(), lines);

        LedgerVerification v = l.verify();
        assertFalse(v.intact());
        assertEquals(2, v.brokenAt());
    }

    @Test
    void garbageLinesAreBreaksNotCrashes(@TempDir Path tmp) throws Exception {
        DrillLedger l = ledgerWith(tmp, 2);
        Files.writeString(l.file(), "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        LedgerVerification v = l.verify();
        assertFalse(v.intact());
        assertEquals(3, v.brokenAt());
    }

    /** The first {@code bytes} of what the next append would write: a write cut short by a crash or a full disk. */
    private static byte[] tornLine(Path tmp, int bytes) throws Exception {
        Path scratch = tmp.resolve("scratch");
        Files.createDirectories(scratch);
        Files.copy(tmp.resolve(DrillLedger.FILE), scratch.resolve(DrillLedger.FILE));
        DrillReport r = SampleReportsAccess.aborted();
        new DrillLedger(scratch, Optional.empty()).append(r, ReportJson.toJson(r).getBytes(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(scratch.resolve(DrillLedger.FILE));
        return java.util.Arrays.copyOf(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void aTornAppendIsCutAndTheNextRecordAppendsCleanly(@TempDir Path tmp) throws Exception {
        DrillLedger l = ledgerWith(tmp, 2);
        Files.write(l.file(), tornLine(tmp, 57), java.nio.file.StandardOpenOption.APPEND);

        LedgerRead before = l.read();
        assertTrue(before.verification().intact(), "a torn tail was never a record: " + before.verification().reason());
        assertEquals(2, before.records().size());
        assertTrue(before.verification().tornTail().contains("torn line of 57 byte(s)"), before.verification().tornTail());

        DrillReport next = SampleReportsAccess.aborted();
        LedgerRecord appended = l.append(next, ReportJson.toJson(next).getBytes(StandardCharsets.UTF_8));

        assertTrue(l.warnings().get(0).contains("cut before appending"), l.warnings().toString());
        List<String> lines = Files.readAllLines(l.file());
        assertEquals(3, lines.size());
        assertTrue(Files.readString(l.file()).endsWith("\n"));
        LedgerRead after = l.read();
        assertTrue(after.verification().intact(), after.verification().reason());
        assertEquals(List.of(1L, 2L, 3L), after.records().stream().map(LedgerRecord::seq).toList());
        assertEquals(next.drillId(), after.records().get(2).drillId());
        assertEquals(appended.recordSha256(), after.records().get(2).recordSha256());
    }

    @Test
    void aLineTornInsideACharacterIsStillOnlyATornTail(@TempDir Path tmp) throws Exception {
        DrillLedger l = ledgerWith(tmp, 1);
        byte[] euro = "{\"seq\":2,\"drillId\":\"\u20ac".getBytes(StandardCharsets.UTF_8);
        Files.write(l.file(), java.util.Arrays.copyOf(euro, euro.length - 1), java.nio.file.StandardOpenOption.APPEND);

        assertTrue(l.verify().intact(), l.verify().reason());
        assertTrue(l.verify().tornTail() != null);
    }

    @Test
    void aLastRecordThatLostOnlyItsNewlineIsKept(@TempDir Path tmp) throws Exception {
        DrillLedger l = ledgerWith(tmp, 2);
        String text = Files.readString(l.file());
        Files.writeString(l.file(), text.substring(0, text.length() - 1));
        assertEquals(2, l.read().records().size());

        ledgerWith(tmp, 1);

        assertTrue(l.verify().intact(), l.verify().reason());
        assertEquals(3, l.verify().records());
    }

    @Test
    void aForgedLineIsNeitherVerifiedNorRead(@TempDir Path tmp) throws Exception {
        DrillLedger l = ledgerWith(tmp, 2);
        List<String> lines = Files.readAllLines(l.file());
        String forged = lines.get(1).replace("\"seq\":2", "\"seq\":3").replace("FAILED", "PASSED")
                .replaceAll("\"prevSha256\":\"[0-9a-f]+\"", "\"prevSha256\":\"" + LedgerCodec.parse(lines.get(1)).recordSha256() + "\"")
                .replaceAll("\"recordSha256\":\"[0-9a-f]+\"", "\"recordSha256\":\"" + "ab".repeat(32) + "\"");
        Files.writeString(l.file(), forged + "\n", java.nio.file.StandardOpenOption.APPEND);

        LedgerRead read = l.read();

        assertFalse(read.verification().intact());
        assertEquals(3, read.verification().brokenAt());
        assertEquals(2, read.records().size());
        assertTrue(read.records().stream().noneMatch(r -> r.verdict() == io.drp.model.Verdict.PASSED));
        assertTrue(read.unverifiedNote().contains("records from line 3 on are unverified and not shown"), read.unverifiedNote());
    }
}
