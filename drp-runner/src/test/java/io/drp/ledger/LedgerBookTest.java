package io.drp.ledger;

import io.drp.model.DrillReport;
import io.drp.recovery.AfterRun;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerBookTest {

    @Test
    void aLedgerThatCannotBeAppendedToFailsTheNoteSoTheCommandExitsThree(@TempDir Path tmp) throws Exception {
        DrillReport r = SampleReportsAccess.failed();
        ReportJson.write(r, tmp.resolve("reports"));
        Path notADirectory = Files.writeString(tmp.resolve("ledger"), "a file where the ledger directory should be");

        AfterRun.Note note = new LedgerBook(notADirectory, Optional.empty()).record(r, tmp.resolve("reports"));

        assertTrue(note.failed());
        assertTrue(note.text().startsWith("ledger: FAILED to append"), note.text());
        assertEquals("a file where the ledger directory should be", Files.readString(notADirectory), "nothing half-written");
    }

    @Test
    void aRecordedRunArchivesItsReportAndSaysWhere(@TempDir Path tmp) throws Exception {
        DrillReport r = SampleReportsAccess.failed();
        Path json = ReportJson.write(r, tmp.resolve("reports"));

        AfterRun.Note note = new LedgerBook(tmp.resolve("ledger"), Optional.empty()).record(r, tmp.resolve("reports"));

        assertFalse(note.failed(), note.text());
        assertTrue(Files.isRegularFile(tmp.resolve("reports/archive").resolve(ReportArchive.sha256(Files.readAllBytes(json)) + ".json")));
        assertEquals(1, new DrillLedger(tmp.resolve("ledger"), Optional.empty()).read().records().size());
    }
}
