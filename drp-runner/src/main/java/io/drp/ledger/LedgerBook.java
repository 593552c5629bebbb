package io.drp.ledger;

import io.drp.config.DrpConfig;
import io.drp.model.DrillReport;
import io.drp.recovery.AfterRun;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * Records a finished run: archives its drill-report.json as {@code <report dir>/archive/<sha256>.json} (the
 * top-level file is replaced by the next run) and appends it to the ledger, and to the blob mirror when one
 * is configured, so the ledger's hash can always be checked against the report it names.
 */
public final class LedgerBook {

    private final Path dir;
    private final Optional<LedgerMirror> mirror;
    private final Optional<PrivateKey> signer;

    public LedgerBook(Path dir, Optional<LedgerMirror> mirror) {
        this(dir, mirror, Optional.empty());
    }

    public LedgerBook(Path dir, Optional<LedgerMirror> mirror, Optional<PrivateKey> signer) {
        this.dir = dir;
        this.mirror = mirror;
        this.signer = signer;
    }

    /** The ledger drp.yaml asks for; {@code recovery} hosts the mirror container when {@code ledger.container} is set. */
    public static LedgerBook of(DrpConfig cfg, StorageAccount recovery) {
        Optional<LedgerMirror> mirror = cfg.ledger().container() == null ? Optional.empty()
                : Optional.of(new BlobLedgerMirror(recovery.container(cfg.ledger().container()), cfg.ledger().retentionDays()));
        return new LedgerBook(cfg.ledger().dir(), mirror, LedgerSigning.fromEnvironment(System::getenv));
    }

    /**
     * @return one line for the console. A failure is not thrown: the run's report stands, but the note is marked
     *         failed so the command exits 3 and a pipeline notices the missing record
     */
    public AfterRun.Note record(DrillReport report, Path reportDir) {
        try {
            byte[] json = Files.readAllBytes(reportDir.resolve(ReportJson.fileName(report)));
            Path archive = reportDir.resolve("archive");
            Files.createDirectories(archive);
            Files.write(archive.resolve(ReportArchive.sha256(json) + ".json"), json);
            DrillLedger ledger = new DrillLedger(dir, mirror, signer);
            LedgerRecord rec = ledger.append(report, json);
            String mended = ledger.warnings().stream().map(w -> "; warning: " + w).reduce("", String::concat);
            return new AfterRun.Note("ledger: record " + rec.seq() + (rec.signature() == null ? "" : " (signed, key " + rec.keyId() + ")") + " in "
                    + dir.resolve(DrillLedger.FILE) + mirror.map(m -> " and " + m.describe()).orElse("") + mended, false);
        } catch (IOException | RuntimeException e) {
            return new AfterRun.Note("ledger: FAILED to append the run to the ledger in " + dir + ": " + e.getMessage(), true);
        }
    }
}
