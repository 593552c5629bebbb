package io.drp.cli;

import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.drill.DrillRequest;
import io.drp.drill.DrillRunner;
import io.drp.progress.ConsoleProgress;
import io.drp.report.DrillReport;
import io.drp.report.ReportJson;
import io.drp.storage.StorageSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

@Command(name = "drill", header = "Run a DR drill: plan, rebuild, restore, replay, verify, report.",
        description = {"Declares the disaster at T0 (now, or --disaster-at), restores the newest backup point at or before T0",
                "into the recovery environment, verifies it and measures RTO and RPO against the objectives.",
                "Never writes production or backups. Exit 0 passed, 1 objective missed, 2 bad usage, 3 aborted."})
public final class DrillCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    @Option(names = "--disaster-at", paramLabel = "INSTANT", description = "T0 as ISO-8601 UTC, e.g. 2026-11-24T03:00:00Z (default: now).")
    String disasterAt;

    @Option(names = "--scenario", description = "Scenario whose objectives apply (default: drill.scenario, else the first declared).")
    String scenario;

    @Option(names = "--keep", description = "Leave the recovery containers in place after the drill.")
    boolean keep;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write drill-report.* (default: drill.reportDir, else drill-reports).")
    Path reportDir;

    @Option(names = "--parallelism", description = "Concurrent object copies (default: drill.parallelism, else 8).")
    Integer parallelism;

    @Option(names = "--verify", paramLabel = "MODE", description = "full (re-read and hash every object) or metadata.")
    String verify;

    @Option(names = "--resume", paramLabel = "DRILL-ID", description = "Finish an aborted drill without copying again what it already verified.")
    String resume;

    @Option(names = "--dry-run", description = "Plan only: find the recovery point, the RPO and what would be restored; rebuild and write nothing.")
    boolean dryRun;

    private ExitCode printDryRun(io.drp.drill.DrillEngine.DryRun d) {
        out().printf("dry run: would restore %s (watermark %s)%n", d.recoveryPoint(), d.watermark());
        out().printf("  points: %s%n", String.join(" -> ", d.points()));
        out().printf("  full snapshot: %d objects, %s; replay: %d puts, %d deletes%n", d.objects(),
                io.drp.progress.Bytes.human(d.bytes()), d.replayPuts(), d.replayDeletes());
        out().printf(java.util.Locale.ROOT, "  RPO if the disaster were declared now: %.1f s%n", d.rpoSeconds());
        d.rpoResults().forEach(r -> out().printf(java.util.Locale.ROOT, "  %-4s %-12s RPO target %.0f s%n", r.met() ? "ok" : "MISS", r.service(), r.target()));
        d.problems().forEach(p -> out().println("  BLOCKING " + p));
        out().println("  nothing was rebuilt, restored or written");
        boolean ok = d.problems().isEmpty() && d.rpoResults().stream().allMatch(io.drp.report.ObjectiveResult::met);
        return ok ? ExitCode.OK : ExitCode.OBJECTIVE_MISSED;
    }

    @Override
    protected ExitCode execute() {
        DrpConfig cfg = new ConfigLoader().load(options.config);
        cfg.warnings().forEach(w -> err().println("warning: " + w));
        Instant t0 = null;
        if (disasterAt != null) {
            if (resume != null) throw new UsageError("--disaster-at cannot be changed when resuming; the first run's T0 stands");
            try {
                t0 = Instant.parse(disasterAt);
            } catch (DateTimeParseException e) {
                throw new UsageError("--disaster-at '" + disasterAt + "' is not an ISO-8601 UTC instant such as 2026-11-24T03:00:00Z");
            }
            if (t0.isAfter(Instant.now())) {
                throw new UsageError("--disaster-at " + t0 + " is in the future; a drill can only declare a disaster now or in the past");
            }
        }
        String sc = scenario != null ? scenario : cfg.defaultScenario();
        if (!cfg.scenarios().contains(sc)) {
            throw new UsageError("scenario '" + sc + "' is not declared in " + options.config + "; declared: " + cfg.scenarios());
        }
        boolean fullVerify = cfg.drill().fullVerify();
        if (verify != null) {
            fullVerify = switch (verify) {
                case "full" -> true;
                case "metadata" -> false;
                default -> throw new UsageError("--verify must be full or metadata");
            };
        }
        int par = parallelism != null ? parallelism : cfg.drill().parallelism();
        if (par < 1 || par > 256) throw new UsageError("--parallelism must be between 1 and 256");
        Path dir = reportDir != null ? reportDir : cfg.drill().reportDir();
        Clock clock = Clock.systemUTC();
        String id = resume != null ? resume : DrillRunner.newDrillId(clock);
        try (StorageSession session = StorageSession.open(cfg, options.workDir)) {
            redactor = session.redactor();
            out().println("drill " + id + (resume != null ? " (resuming)" : "") + " on " + (session.embedded() ? "the embedded emulator" : "configured storage"));
            DrillRunner runner = new DrillRunner(cfg, session, options.workDir, clock,
                    new ConsoleProgress(System.err, System.console() != null), ReportOutputs::write, DrillRunner.targetsFor(cfg));
            if (dryRun) {
                if (resume != null) throw new UsageError("--dry-run and --resume do not go together");
                return printDryRun(runner.dryRun(new DrillRequest(id, t0, sc, true, dir, par, fullVerify, false)));
            }
            DrillReport report = runner.run(new DrillRequest(id, t0, sc, keep, dir, par, fullVerify, resume != null));
            DrillSummary.print(out(), report, dir.resolve(ReportJson.FILE_NAME));
            LedgerSupport.append(out(), err(), cfg.ledger().dir(), LedgerSupport.mirror(cfg, session), report, dir);
            if (cfg.drill().notification() != null) {
                var n = cfg.drill().notification();
                out().println("  " + new io.drp.notify.WebhookNotifier(n.webhook(), n.on()).send(report));
            }
            if (report.verdict() == io.drp.report.Verdict.ABORTED) {
                out().println("  resume with: drp drill --resume " + id);
            }
            return ExitCode.of(report.verdict());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
