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
        List<LedgerRecord> all = l.readAll();
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
        List<LedgerRecord> all = l.readAll();
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
}
