package io.drp.ledger;

import io.drp.config.DrpConfig;
import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Records a finished run: archives its drill-report.json as {@code <report dir>/archive/<sha256>.json} (the
 * top-level file is replaced by the next run) and appends it to the ledger, and to the blob mirror when one
 * is configured, so the ledger's hash can always be checked against the report it names.
 */
public final class LedgerBook {

    private final Path dir;
    private final Optional<LedgerMirror> mirror;

    public LedgerBook(Path dir, Optional<LedgerMirror> mirror) {
        this.dir = dir;
        this.mirror = mirror;
    }

    /** The ledger drp.yaml asks for; {@code recovery} hosts the mirror container when {@code ledger.container} is set. */
    public static LedgerBook of(DrpConfig cfg, StorageAccount recovery) {
        Optional<LedgerMirror> mirror = cfg.ledger().container() == null ? Optional.empty()
                : Optional.of(new BlobLedgerMirror(recovery.container(cfg.ledger().container()), cfg.ledger().retentionDays()));
        return new LedgerBook(cfg.ledger().dir(), mirror);
    }

    /**
     * @return one line for the console. A failure is reported in that line, never thrown: the run's result
     *         stands, and the missing record is said loudly so someone fixes it
     */
    public String record(DrillReport report, Path reportDir) {
        try {
            byte[] json = Files.readAllBytes(reportDir.resolve(ReportJson.fileName(report)));
            Path archive = reportDir.resolve("archive");
            Files.createDirectories(archive);
            Files.write(archive.resolve(ReportArchive.sha256(json) + ".json"), json);
            LedgerRecord rec = new DrillLedger(dir, mirror).append(report, json);
            return "ledger: record " + rec.seq() + " in " + dir.resolve(DrillLedger.FILE) + mirror.map(m -> " and " + m.describe()).orElse("");
        } catch (IOException | RuntimeException e) {
            return "ledger: could not append the run to the ledger in " + dir + ": " + e.getMessage();
        }
    }
}
