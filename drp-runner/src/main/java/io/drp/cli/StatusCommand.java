package io.drp.cli;

import io.drp.backup.BackupCatalog;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerKeys;
import io.drp.status.BackupFactsReader;
import io.drp.status.OpenMetrics;
import io.drp.status.RecoveryStatus;
import io.drp.status.StatusEvaluator;
import io.drp.storage.StorageSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

@Command(name = "status", header = "Is recovery possible right now? Backup age against each RPO, chain health, last drill.",
        description = {"Reads the backup container (read-only) and the ledger. For each service: the newest restorable point and its age against the service's tightest RPO; the chain's health (full snapshot, links, an incomplete newest point); the last drill's verdict and age against drill.maxAge (default 7d).",
                "--format openmetrics prints the Prometheus/OpenMetrics exposition for a scraper or a textfile collector."},
        exitCodeList = {
                "0:recovery is possible: every point within its RPO, the chain intact, a passed drill within drill.maxAge",
                "1:a point is older than its RPO, a chain is broken, or the last drill is missing, failed or older than drill.maxAge",
                "2:invalid usage or configuration; nothing was read",
                "3:aborted: the backup account could not be read"},
        footer = {"  drp status -c drp.yaml",
                "  drp status -c drp.yaml --format openmetrics > /var/lib/node_exporter/drp.prom"})
public final class StatusCommand extends DrpCommandBase {

    enum Format { TEXT, JSON, OPENMETRICS }

    @Mixin
    ConfigOptions options;

    @Option(names = {"-o", "--format", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json (one document, keys sorted) or openmetrics (Prometheus exposition).")
    Format format;

    @Option(names = "--ledger", paramLabel = "DIR", description = "Ledger directory (default: ledger.dir of drp.yaml, else .drp/ledger).")
    Path ledger;

    @Override
    protected ExitCode execute() {
        DrpConfig cfg = io.drp.backup.BackupKeys.withWorkDirKeys(new ConfigLoader().load(options.config), options.workDir);
        cfg.warnings().forEach(w -> err().println("warning: " + w));
        EmptyEmulator.warning(cfg, options.workDir).ifPresent(w -> err().println("warning: " + w));
        Instant now = Clock.systemUTC().instant();
        RecoveryStatus status;
        try (StorageSession session = StorageSession.open(cfg, options.workDir)) {
            redactor = session.redactor();
            var backup = session.connector().openReadOnly("backup", session.accounts().backup());
            var catalog = new BackupCatalog(backup.container(cfg.backup().container()), options.workDir.resolve("cache").resolve("manifests"),
                    io.drp.backup.PointTrust.of(cfg.backup().signing()));
            // through verification only: records after a break are not evidence of anything
            var records = new DrillLedger(ledger != null ? ledger : cfg.ledger().dir(), Optional.empty())
                    .read(LedgerKeys.configured(cfg.ledger(), java.util.List.of()));
            status = StatusEvaluator.evaluate(cfg.services(), BackupFactsReader.read(catalog, now), records, cfg.drill().maxAge(), now,
                    cfg.serviceHours().at(now));
            status = leftoverSnapshots(status, session, cfg);
        }
        switch (format) {
            case JSON -> JsonDocuments.print(out(), status);
            case OPENMETRICS -> out().print(OpenMetrics.render(status));
            default -> StatusText.print(out(), status);
        }
        return status.healthy() ? ExitCode.OK : ExitCode.OBJECTIVE_MISSED;
    }

    /** One listing of production, snapshots and metadata included, for what a killed backup left there. */
    private static RecoveryStatus leftoverSnapshots(RecoveryStatus status, StorageSession session, DrpConfig cfg) {
        try {
            var production = session.connector().openReadOnly("production", session.accounts().production());
            return status.withLeftoverSnapshots(io.drp.backup.LeftoverSnapshots.count(production, cfg.productionContainers()), null);
        } catch (RuntimeException e) { // status answers about recovery first: production's listing is a warning's worth
            String why = e instanceof com.azure.storage.blob.models.BlobStorageException b ? b.getStatusCode() + " " + b.getErrorCode()
                    : e.getClass().getSimpleName();
            return status.withLeftoverSnapshots(null, why);
        }
    }

    /** The human form; the command stays parsing and printing. */
    static final class StatusText {
        private StatusText() {}

        static void print(java.io.PrintWriter out, RecoveryStatus s) {
            out.printf("recovery %s at %s%n", s.healthy() ? "POSSIBLE" : "AT RISK", s.checkedAt());
            var b = s.backups();
            out.printf("  newest restorable point: %s%s%n", b.newestPoint() == null ? "none" : b.newestPoint(),
                    b.watermark() == null ? "" : " (watermark " + b.watermark() + ", " + age(b.ageSeconds()) + " old)");
            out.printf("  chain: full snapshot %s, links %s, %d incomplete newer point(s)%n", b.fullSnapshotPresent() ? "present" : "MISSING",
                    b.linksIntact() ? "intact" : "BROKEN", b.incompletePoints().size());
            if (b.signed() != null) {
                out.printf("  signed: %s%n", b.signed() ? "yes, verified with key id(s) " + String.join(", ", b.keyIds())
                        : "NO (backup.signing declares no public key: points are not authenticated)");
            }
            for (var svc : s.services()) {
                out.printf(Locale.ROOT, "  %-4s %-14s age %-10s RPO %-8s (%s)%n", svc.withinRpo() ? "ok" : "MISS", svc.service(),
                        age(svc.ageSeconds()), age(svc.rpoSeconds()), svc.rpoScenario());
            }
            var d = s.lastDrill();
            out.println(d == null ? "  last drill: none recorded" : String.format(Locale.ROOT, "  last drill: %s %s (%s) finished %s, %s ago (max %s)",
                    d.drillId(), d.verdict(), d.scenario(), d.finishedAt(), age(d.ageSeconds()), age(d.maxAgeSeconds())));
            if (s.ledger() != null) {
                out.printf("  ledger: %s, %d verified record(s), %s%n", s.ledger().intact() ? "intact" : "BROKEN", s.ledger().verifiedRecords(),
                        s.ledger().signing());
            }
            if (s.serviceWindow() != null) {
                var w = s.serviceWindow();
                out.printf("  SLA window: %s; next opens %s (%s, %s)%n", w.open() ? "OPEN (" + w.current() + ")" : "closed",
                        w.nextOpensAt(), w.next(), w.zone());
            }
            if (s.leftoverSnapshots() != null) out.printf("  production: %d snapshot(s) left by drp backups%n", s.leftoverSnapshots());
            s.problems().forEach(p -> out.println("  PROBLEM " + p));
            s.warnings().forEach(w -> out.println("  warning " + w));
        }

        private static String age(Double seconds) {
            if (seconds == null) return "-";
            return io.drp.config.Durations.format(java.time.Duration.ofSeconds(seconds.longValue()));
        }
    }
}
