package io.drp.cli;

import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Optional;

@Command(name = "verify-ledger", header = "Check the drill history's hash chain; exit 1 on a break.",
        description = {"Recomputes every record's SHA-256 and its link to the previous record, and names the first broken record. With an archive, also checks every archived report against the SHA-256 its record holds."},
        exitCodeList = {
                "0:the chain and the archived reports are intact",
                "1:broken: a record or an archived report was altered",
                "2:invalid usage or configuration; nothing ran",
                "3:aborted: an unexpected error"},
        footer = {"  drp verify-ledger",
                "  drp verify-ledger --ledger .drp/ledger --reports drill-reports"})
public final class VerifyLedgerCommand extends DrpCommandBase {

    @Mixin
    LedgerOptions options;

    @Mixin
    RunOutputOptions output;

    @picocli.CommandLine.Option(names = "--reports", paramLabel = "DIR",
            description = "Report directory whose archive/ holds each drill's JSON by SHA-256 (default: drill.reportDir, else drill-reports).")
    java.nio.file.Path reports;

    private java.nio.file.Path reportDir() {
        if (reports != null) return reports;
        if (java.nio.file.Files.isRegularFile(options.config)) {
            return io.drp.config.ConfigLoader.withoutSecrets().load(options.config).drill().reportDir();
        }
        return java.nio.file.Path.of("drill-reports");
    }

    @Override
    protected ExitCode execute() {
        var key = options.keys();
        var cfg = java.nio.file.Files.isRegularFile(options.config) ? io.drp.config.ConfigLoader.withoutSecrets().load(options.config) : null;
        if (cfg == null || cfg.ledger().container() == null) return verify(new DrillLedger(options.dir(), Optional.empty()), key);
        // the mirror lives in the recovery account: only now are its credentials needed
        var connected = new io.drp.config.ConfigLoader().load(options.config);
        try (var session = io.drp.storage.StorageSession.open(connected, java.nio.file.Path.of(".drp"))) {
            redactor = session.redactor();
            var recovery = session.connector().open("recovery", session.accounts().recovery());
            io.drp.ledger.LedgerMirror mirror = new io.drp.ledger.BlobLedgerMirror(recovery.container(connected.ledger().container()),
                    connected.ledger().retentionDays());
            out().println("comparing every record with its copy in " + mirror.describe());
            return verify(new DrillLedger(options.dir(), Optional.of(mirror)), key);
        }
    }

    private ExitCode verify(DrillLedger ledger, io.drp.ledger.LedgerKeys key) {
        io.drp.ledger.LedgerRead read = ledger.read(key);
        LedgerVerification v = read.verification();
        String file = ledger.file().toString();
        if (v.tornTail() != null) err().println("warning: " + v.tornTail());
        if (!v.intact()) {
            String line = "ledger BROKEN at " + ledger.file() + ":" + v.brokenAt()
                    + (v.brokenDrillId() == null ? "" : " (drill " + v.brokenDrillId() + ")") + ": " + v.reason();
            err().println(line);
            return finish(BackupDocuments.of(code -> new BackupDocuments.Ledger(JsonDocuments.SCHEMA_VERSION, "verify-ledger", code.code, false,
                    file, v.records(), v.signing(), v.brokenAt(), v.brokenDrillId(), v.reason(), v.tornTail(), null, null, null, null), line),
                    ExitCode.OBJECTIVE_MISSED);
        }
        String line = "ledger intact: " + v.records() + " record(s) in " + ledger.file() + "; " + v.signing();
        out().println(line);
        java.nio.file.Path archive = reportDir().resolve("archive");
        if (!java.nio.file.Files.isDirectory(archive)) {
            return finish(document(v, file, line, null, null), ExitCode.OK);
        }
        io.drp.ledger.ReportArchive.Check c = io.drp.ledger.ReportArchive.check(read.records(), archive);
        if (c.altered() != null) {
            String altered = "report of drill " + c.altered().drillId() + " (ledger record " + c.altered().seq() + ") in " + archive
                    + " no longer matches the SHA-256 the ledger recorded: it was altered";
            err().println(altered);
            return finish(document(v, file, altered, c, archive), ExitCode.OBJECTIVE_MISSED);
        }
        String reports = "reports: " + c.checked() + " archived report(s) match their ledger records"
                + (c.missing() > 0 ? "; " + c.missing() + " not archived in " + archive : "");
        out().println(reports);
        return finish(document(v, file, line + "; " + reports, c, archive), ExitCode.OK);
    }

    /** An intact chain's document; {@code c} is null when there is no report archive to check. */
    private static RunDocuments.Outcome document(LedgerVerification v, String file, String line, io.drp.ledger.ReportArchive.Check c,
                                                 java.nio.file.Path archive) {
        return BackupDocuments.of(code -> new BackupDocuments.Ledger(JsonDocuments.SCHEMA_VERSION, "verify-ledger", code.code,
                c == null || c.altered() == null, file, v.records(), v.signing(), null, null, null, v.tornTail(),
                c == null ? null : c.checked(), c == null ? null : c.missing(),
                c == null || c.altered() == null ? null : c.altered().drillId(), archive == null ? null : archive.toString()), line);
    }
}
