package io.drp.cli;

import io.drp.config.DrpConfig;
import io.drp.ledger.BlobLedgerMirror;
import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerMirror;
import io.drp.ledger.LedgerRecord;
import io.drp.report.DrillReport;
import io.drp.report.ReportJson;
import io.drp.storage.StorageSession;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Appends a finished drill to the ledger (local, and the blob mirror when configured), and archives its
 * drill-report.json as {@code <report dir>/archive/<sha256>.json} so the ledger's hash can be checked later.
 */
final class LedgerSupport {

    private LedgerSupport() {}

    static Optional<LedgerMirror> mirror(DrpConfig cfg, StorageSession session) {
        if (cfg.ledger().container() == null) return Optional.empty();
        var recovery = session.connector().open("recovery", session.accounts().recovery());
        return Optional.of(new BlobLedgerMirror(recovery.container(cfg.ledger().container()), cfg.ledger().retentionDays()));
    }

    static void append(PrintWriter out, PrintWriter err, Path ledgerDir, Optional<LedgerMirror> mirror, DrillReport report, Path reportDir) {
        try {
            byte[] json = Files.readAllBytes(reportDir.resolve(ReportJson.FILE_NAME));
            // The top-level report is replaced by the next drill: keep this one, named by the hash the ledger records.
            Path archive = reportDir.resolve("archive");
            Files.createDirectories(archive);
            Files.write(archive.resolve(io.drp.ledger.ReportArchive.sha256(json) + ".json"), json);
            LedgerRecord rec = new DrillLedger(ledgerDir, mirror).append(report, json);
            out.println("  ledger: record " + rec.seq() + " in " + ledgerDir.resolve(DrillLedger.FILE)
                    + mirror.map(m -> " and " + m.describe()).orElse(""));
        } catch (Exception e) {
            // the drill result stands; the missing ledger record is reported loudly so someone fixes it
            err.println("drp: could not append the drill to the ledger in " + ledgerDir + ": " + e.getMessage());
        }
    }
}
