package io.drp.cli;

import io.drp.ledger.DrillLedger;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCliTest {

    @Test
    void reportRegeneratesEachFormatFromTheJson(@TempDir Path tmp) throws Exception {
        Path json = ReportJson.write(SampleReportsAccess.failed(), tmp);
        for (String f : List.of("html", "junit", "md")) {
            CliTest.Run r = CliTest.drp("report", "--from", json.toString(), "--format", f, "--out", tmp.resolve("out").toString());
            assertEquals(0, r.code(), r.err());
        }
        assertTrue(Files.readString(tmp.resolve("out/drill-report.html")).contains("FAILED"));
        assertTrue(Files.readString(tmp.resolve("out/drill-report.junit.xml")).contains("<failure"));
        assertTrue(Files.readString(tmp.resolve("out/drill-report.md")).contains("**FAILED**"));
    }

    @Test
    void reportRejectsMissingOrBadInputWithExitTwo(@TempDir Path tmp) throws Exception {
        CliTest.Run missing = CliTest.drp("report", "--from", tmp.resolve("none.json").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("file not found"), missing.err());
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{ not json");
        CliTest.Run garbage = CliTest.drp("report", "--from", bad.toString());
        assertEquals(2, garbage.code());
        assertTrue(garbage.err().contains("not a drill report"), garbage.err());
        Path ok = ReportJson.write(SampleReportsAccess.failed(), tmp);
        assertEquals(2, CliTest.drp("report", "--from", ok.toString(), "--format", "docx").code());
    }

    @Test
    void verifyLedgerCatchesAnArchivedReportThatWasEdited(@TempDir Path tmp) throws Exception {
        Path reports = tmp.resolve("reports");
        byte[] json = (ReportJson.toJson(SampleReportsAccess.failed()) + "\n").getBytes(StandardCharsets.UTF_8);
        String sha = io.drp.ledger.ReportArchive.sha256(json);
        Files.createDirectories(reports.resolve("archive"));
        Files.write(reports.resolve("archive").resolve(sha + ".json"), json);
        new DrillLedger(tmp.resolve("ledger"), Optional.empty()).append(SampleReportsAccess.failed(), json);

        CliTest.Run ok = CliTest.drp("verify-ledger", "--ledger", tmp.resolve("ledger").toString(), "--reports", reports.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("1 archived report(s) match"), ok.out());

        Files.writeString(reports.resolve("archive").resolve(sha + ".json"), new String(json, StandardCharsets.UTF_8).replace("FAILED", "PASSED"));
        CliTest.Run altered = CliTest.drp("verify-ledger", "--ledger", tmp.resolve("ledger").toString(), "--reports", reports.toString());
        assertEquals(1, altered.code());
        assertTrue(altered.err().contains("report of drill d20261124-030000-abcd (ledger record 1)") && altered.err().contains("altered"), altered.err());
    }

    @Test
    void reportHistoryWritesTheHistoryPageIntoTheReportDirectory(@TempDir Path tmp) throws Exception {
        Path reports = tmp.resolve("reports");
        ReportJson.write(SampleReportsAccess.failed(), reports);
        new io.drp.ledger.LedgerBook(tmp.resolve("ledger"), Optional.empty()).record(SampleReportsAccess.failed(), reports);

        CliTest.Run r = CliTest.drp("report", "--history", "--ledger", tmp.resolve("ledger").toString(), "--report-dir", reports.toString(),
                "--format", "html");

        assertEquals(0, r.code(), r.err());
        assertEquals(reports.resolve("history.html").toString(), r.out().strip());
        String page = Files.readString(reports.resolve("history.html"));
        assertTrue(page.contains("0 of 1 passed") && page.contains("d20261124-030000-abcd"), page);
    }

    @Test
    void reportWritesPdfsOfAReportAndOfTheHistoryBesideTheOtherFormats(@TempDir Path tmp) throws Exception {
        Path reports = tmp.resolve("reports");
        Path json = ReportJson.write(SampleReportsAccess.failed(), reports);
        new io.drp.ledger.LedgerBook(tmp.resolve("ledger"), Optional.empty()).record(SampleReportsAccess.failed(), reports);

        CliTest.Run report = CliTest.drp("report", "--from", json.toString(), "--format", "pdf");
        CliTest.Run history = CliTest.drp("report", "--history", "--format", "pdf", "--ledger", tmp.resolve("ledger").toString(),
                "--report-dir", reports.toString());

        assertEquals(0, report.code(), report.err());
        assertEquals(0, history.code(), history.err());
        for (String pdf : List.of("drill-report.pdf", "history.pdf")) {
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(reports.resolve(pdf)), 5);
            assertEquals("%PDF-", new String(head, StandardCharsets.US_ASCII), pdf);
        }
    }

    @Test
    void reportHistoryRefusesAmbiguousOrUnsupportedRequests(@TempDir Path tmp) throws Exception {
        Path json = ReportJson.write(SampleReportsAccess.failed(), tmp);
        assertEquals(2, CliTest.drp("report").code(), "neither --from nor --history");
        assertEquals(2, CliTest.drp("report", "--history", "--from", json.toString()).code(), "both");
        assertEquals(2, CliTest.drp("report", "--history", "--format", "junit", "--ledger", tmp.toString()).code());
    }

    @Test
    void historyAndVerifyLedger(@TempDir Path tmp) throws Exception {
        DrillLedger l = new DrillLedger(tmp, Optional.empty());
        for (int i = 0; i < 3; i++) l.append(SampleReportsAccess.failed(), ("r" + i).getBytes(StandardCharsets.UTF_8));

        CliTest.Run history = CliTest.drp("history", "--ledger", tmp.toString());
        assertEquals(0, history.code(), history.err());
        assertTrue(history.out().contains("d20261124-030000-abcd") && history.out().contains("RTO trend"), history.out());
        assertEquals(0, CliTest.drp("verify-ledger", "--ledger", tmp.toString()).code());

        List<String> lines = new ArrayList<>(Files.readAllLines(l.file()));
        lines.set(1, lines.get(1).replace("FAILED", "PASSED"));
        Files.write(l.file(), lines);
        CliTest.Run broken = CliTest.drp("verify-ledger", "--ledger", tmp.toString());
        assertEquals(1, broken.code());
        assertTrue(broken.err().contains("ledger BROKEN at " + l.file() + ":2"), broken.err());
    }
}
