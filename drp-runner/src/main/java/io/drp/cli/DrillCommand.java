package io.drp.cli;

import io.drp.pipeline.SignalGuard;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.drill.DrillRunner;
import io.drp.failure.UsageFailure;
import io.drp.ledger.LedgerBook;
import io.drp.model.ObjectiveResult;
import io.drp.notify.WebhookNotifier;
import io.drp.progress.Bytes;
import io.drp.recovery.AfterRun;
import io.drp.recovery.CopyMode;
import io.drp.recovery.DrillOptions;
import io.drp.recovery.DryRun;
import io.drp.recovery.LockedRun;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RequestResolver;
import io.drp.recovery.VerifyMode;
import io.drp.storage.StorageSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "drill", header = "Run a DR drill: plan, rebuild, restore, replay, verify, report.",
        description = {"Declares the disaster at T0 (now, or --disaster-at), restores the newest backup point at or before T0 into the recovery environment, verifies it and measures RTO and RPO against the objectives.",
                "Never writes production or backups."},
        exitCodeList = {
                "0:passed: every objective met",
                "1:failed: the drill completed but an objective was missed",
                "2:invalid usage or configuration; nothing ran",
                "3:aborted (infrastructure, storage or backup error), or another drill holds the target"},
        footer = {"  drp drill -c drp.yaml --scenario region-outage --report-dir drill-reports",
                "  drp drill -c drp.yaml --scenario level-2 --service orders",
                "  drp drill -c drp.yaml --dry-run --disaster-at 2026-11-24T03:00:00Z"})
public final class DrillCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    @Mixin
    RunOutputOptions output;

    @Option(names = "--disaster-at", paramLabel = "INSTANT", description = "T0 as ISO-8601 UTC, e.g. 2026-11-24T03:00:00Z (default: now).")
    Instant disasterAt;

    @Option(names = "--scenario", description = "Scenario whose objectives apply (default: drill.scenario, else the first declared).")
    String scenario;

    @Option(names = "--service", paramLabel = "NAME", description = "The failed service a level-1 or level-2 drill is scoped to (repeatable); "
            + "level 2 needs one unless drp.yaml declares a single service.")
    List<String> services = new ArrayList<>();

    @Option(names = "--keep", description = "Leave the recovery containers in place after the drill.")
    boolean keep;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write drill-report.* (default: drill.reportDir, else drill-reports).")
    Path reportDir;

    @Option(names = "--parallelism", description = "Concurrent object copies, 1-256 (default: drill.parallelism, else 8).")
    Integer parallelism;

    @Option(names = "--verify", paramLabel = "MODE", description = "full (re-read and hash every object) or metadata.")
    VerifyMode verify;

    @Option(names = "--copy-mode", paramLabel = "HOW", description = "stream (through drp), server (inside Azure Storage, via a short-lived read SAS) or auto (default: server where the accounts allow, stream on the emulator).")
    CopyMode copyMode;

    @Option(names = "--resume", paramLabel = "DRILL-ID", description = "Finish an aborted drill without copying again what it already verified.")
    String resume;

    @Option(names = "--no-controls", description = "Plant no negative controls after verify (the report then says this run did not show its verifier can fail).")
    boolean noControls;

    @Option(names = "--dry-run", description = "Plan only: find the recovery point, the RPO and what would be restored; rebuild and write nothing.")
    boolean dryRun;

    @Override
    protected ExitCode execute() {
        DrpConfig cfg = io.drp.backup.BackupKeys.withWorkDirKeys(new ConfigLoader().load(options.config), options.workDir);
        cfg.warnings().forEach(w -> err().println("warning: " + w));
        if (dryRun && resume != null) throw new UsageFailure("--dry-run and --resume do not go together");
        DrillOptions opts = new DrillOptions(disasterAt, scenario, keep, reportDir, parallelism, verify, resume, services, copyMode);
        new RequestResolver(cfg, Clock.systemUTC(), options.workDir).drill(opts); // bad input is refused before connecting
        try (StorageSession session = StorageSession.open(cfg, options.workDir)) {
            redactor = session.redactor();
            Clock clock = ServiceClocks.of(session);
            RecoveryRequest req = new RequestResolver(cfg, clock, options.workDir).drill(opts).withControls(!noControls);
            DrillRunner runner = new DrillRunner(cfg, session, options.workDir, clock,
                    progress(), ReportOutputs.to(err()), DrillRunner.targetsFor(cfg));
            if (dryRun) return printDryRun(runner.dryRun(req));
            out().println("drill " + req.runId() + (req.resume() ? " (resuming)" : "") + " on "
                    + (session.embedded() ? "the embedded emulator" : "configured storage"));
            List<AfterRun> after = new ArrayList<>();
            after.add(LedgerBook.of(cfg, runner.recoveryAccount())::record);
            if (cfg.drill().notification() != null) {
                var n = cfg.drill().notification();
                WebhookNotifier notifier = new WebhookNotifier(n.hook(), n.on());
                after.add((report, dir) -> new AfterRun.Note(notifier.send(report), false)); // never changes the exit code
            }
            // Ctrl-C or SIGTERM: the run winds down into an ABORTED report, releases its lease, and this says so
            try (SignalGuard stop = SignalGuard.onSignal("drill")) {
                LockedRun.Outcome outcome = runner.run(req, after, stop);
                ExitCode code = DrillSummary.conclude(out(), redactor, outcome, req.reportDir(), "drill", options);
                outcome.report().steps().stream().filter(s -> s.name().equals("rebuild") && "ephemeral".equals(s.details().get("rebuild")))
                        .filter(s -> req.teardown() == io.drp.recovery.TeardownPolicy.KEEP)
                        .forEach(s -> out().println("  kept drill stack: " + s.details().get("stack")));
                return finish(RunDocuments.run("drill", outcome, req.reportDir(), options, redactor), code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExitCode printDryRun(DryRun d) {
        out().printf("dry run: would restore %s (watermark %s)%n", d.recoveryPoint(), d.watermark());
        out().printf("  points: %s%n", String.join(" -> ", d.points()));
        out().printf("  full snapshot: %d objects, %s; replay: %d puts, %d deletes%n", d.objects(), Bytes.human(d.bytes()),
                d.replayPuts(), d.replayDeletes());
        out().printf(Locale.ROOT, "  RPO if the disaster were declared at T0: %.1f s%n", d.rpoSeconds());
        d.rpoResults().forEach(r -> out().printf(Locale.ROOT, "  %-4s %-12s RPO target %.0f s%n", r.met() ? "ok" : "MISS", r.service(), r.target()));
        d.problems().forEach(p -> out().println("  BLOCKING " + p));
        if (d.rebuild() != null) {
            out().printf("  rebuild (preview of stack %s): %d resource operation(s)%n", d.rebuild().stack(), d.rebuild().operations().size());
            d.rebuild().operations().forEach(op -> out().println("    " + op));
            if (d.estimate() != null) RebuildEstimateText.lines(d.estimate()).forEach(l -> out().println("  " + l));
        }
        out().println("  nothing was rebuilt, restored or written");
        boolean ok = d.problems().isEmpty() && d.rpoResults().stream().allMatch(ObjectiveResult::met);
        return finish(DryRunDocuments.drill(d), ok ? ExitCode.OK : ExitCode.OBJECTIVE_MISSED);
    }
}
