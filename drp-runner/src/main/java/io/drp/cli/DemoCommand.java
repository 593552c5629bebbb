package io.drp.cli;

import io.drp.demo.DemoScenario;
import io.drp.failure.UsageFailure;
import io.drp.ledger.LedgerBook;
import io.drp.progress.ConsoleProgress;
import io.drp.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

@Command(name = "demo", header = "Run a complete drill on the embedded emulator, from an empty machine.",
        description = {"Starts Azurite, seeds a production dataset, takes a full backup and two incrementals with churn in between, writes more data after the last backup, then runs a drill and prints where the report is."},
        exitCodeList = {
                "0:the demo drill passed",
                "1:the demo drill completed but missed an objective",
                "2:invalid usage or configuration; nothing ran",
                "3:the demo drill was aborted"},
        footer = {"  drp demo",
                "  drp demo --gap 10s --report-dir /tmp/demo-report"})
public final class DemoCommand extends DrpCommandBase {

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".drp/demo", description = "Demo state; wiped at start, only if the demo made it (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "drill-reports/demo", description = "Where the report goes (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--ledger", paramLabel = "DIR", defaultValue = ".drp/ledger", description = "Drill history the demo appends to (default: ${DEFAULT-VALUE}).")
    Path ledger;

    @Option(names = "--gap", paramLabel = "DURATION", defaultValue = "3s", description = "Time between the last backup and the disaster (default: ${DEFAULT-VALUE}).")
    String gap;

    @Override
    protected ExitCode execute() {
        Duration g;
        try {
            g = io.drp.config.Durations.parse(gap);
        } catch (IllegalArgumentException e) {
            throw new UsageFailure("--gap: " + e.getMessage());
        }
        try {
            DemoScenario.Result r = new DemoScenario(workDir, reportDir, out(), new ConsoleProgress(System.err, System.console() != null),
                    ReportOutputs.to(err()), g).run();
            DrillSummary.print(out(), r.report(), reportDir.resolve(ReportJson.FILE_NAME));
            var note = new LedgerBook(ledger, java.util.Optional.empty(), io.drp.ledger.LedgerSigning.fromEnvironment(System::getenv)).record(r.report(), reportDir);
            out().println("  " + note.text());
            if (note.failed()) return ExitCode.ABORTED;
            out().printf(Locale.ROOT, "%ndemo: measured RPO %.3f s (expected %.3f s), RTO %s s, %d objects written after the last backup; wall time %.1f s%n",
                    r.report().measured().rpoSeconds(), r.expectedRpoSeconds(),
                    r.report().measured().rtoSeconds() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.report().measured().rtoSeconds()),
                    r.writtenAfterLastBackup(), r.wallTime().toMillis() / 1000.0);
            var m = r.report().measured();
            if (m != null && m.verifiedAt() != null) {
                // both instants: the RTO is the service's (the plan's last check), the data was verified before it
                out().printf(Locale.ROOT, "demo: data verified %.1f s after T0; %s%n",
                        java.time.Duration.between(m.disasterAt(), m.verifiedAt()).toMillis() / 1000.0,
                        m.serviceRestoredAt() == null ? "no recovery plan answered, so the RTO ends there"
                                : String.format(Locale.ROOT, "the orders service answered %.1f s after T0, which is the RTO",
                                java.time.Duration.between(m.disasterAt(), m.serviceRestoredAt()).toMillis() / 1000.0));
            }
            DemoNext.print(out(), workDir, reportDir, ledger, reportDir.resolve(ReportJson.FILE_NAME));
            return ExitCode.of(r.report().verdict());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
