package io.drp.cli;

import io.drp.pipeline.SignalGuard;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.failure.UsageFailure;
import io.drp.ledger.LedgerBook;
import io.drp.ledger.Throughput;
import io.drp.progress.Bytes;
import io.drp.recovery.AfterRun;
import io.drp.recovery.CopyMode;
import io.drp.recovery.LockedRun;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RestoreOptions;
import io.drp.recovery.RestoreResolver;
import io.drp.recovery.RestoreSpec;
import io.drp.recovery.VerifyMode;
import io.drp.recovery.rebuild.PulumiWorkspace;
import io.drp.restore.RestoreRunner;
import io.drp.storage.StorageSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "restore", header = "The real recovery: restore a backup point into the recovery account, production, or a sandbox.",
        description = {"Runs the drill's own steps (plan, rebuild, restore, replay, verify, report) for real, and never tears down.",
                "Writing production needs --target production AND --yes; without --yes drp prints what it would write and exits 2.",
                "A target container that already holds objects is refused unless --overwrite (objects not in the point are never deleted)."},
        exitCodeList = {
                "0:restored and verified (with --scenario: every objective met)",
                "1:restored, but not verified or an objective was missed",
                "2:invalid usage or configuration, or production without --yes; nothing was written",
                "3:aborted (storage or backup error), or another run holds the target"},
        footer = {"  drp restore -c drp.yaml --target production --at 2026-11-24T02:55:00Z --dry-run",
                "  drp restore -c drp.yaml --target recovery --incident-start 2026-11-24T03:00:00Z --scenario region-outage"})
public final class RestoreCommand extends DrpCommandBase {

    @Mixin
    ConfigOptions options;

    @Mixin
    RunOutputOptions output;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Newest restorable point at or before this ISO-8601 instant, in any retained chain (default: now).")
    Instant at;

    @Option(names = "--point", paramLabel = "CHAIN/SEQ", description = "That exact point, e.g. c20261124T020000000Z/000002.")
    String point;

    @Option(names = "--label", paramLabel = "NAME", description = "The newest full snapshot taken with 'drp backup --full --label NAME'.")
    String label;

    @Option(names = "--service", paramLabel = "NAME", description = "Restore this service's containers (repeatable; default: every service).")
    List<String> services;

    @Option(names = "--container", paramLabel = "NAME", description = "Restore this container (repeatable).")
    List<String> containers;

    @Option(names = "--prefix", paramLabel = "P", description = "Only objects whose name starts with P.")
    String prefix;

    @Option(names = "--target", paramLabel = "WHERE", description = "recovery (default) or production.")
    RestoreSpec.Destination target;

    @Option(names = "--rename-container", paramLabel = "FROM=TO", description = "Restore container FROM into TO, e.g. an analysis sandbox (repeatable).")
    Map<String, String> rename;

    @Option(names = "--yes", description = "Confirm writing production (with --target production).")
    boolean yes;

    @Option(names = "--overwrite", description = "Replace same-named objects in a non-empty target; the report lists them.")
    boolean overwrite;

    @Option(names = "--dry-run", description = "Print the point, the RPO, what would be copied and into where, with an estimated duration; write nothing.")
    boolean dryRun;

    @Option(names = "--incident-start", paramLabel = "INSTANT", description = "When the incident began; the RTO counts from it (default: now).")
    Instant incidentStart;

    @Option(names = "--scenario", description = "Judge the recovery against this scenario's objectives (exit 0 or 1).")
    String scenario;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where to write restore-report.* (default: drill.reportDir, else drill-reports).")
    Path reportDir;

    @Option(names = "--parallelism", description = "Concurrent object copies, 1-256 (default: drill.parallelism, else 8).")
    Integer parallelism;

    @Option(names = "--verify", paramLabel = "MODE", description = "full (re-read and hash every object) or metadata.")
    VerifyMode verify;

    @Option(names = "--copy-mode", paramLabel = "HOW", description = "stream (through drp), server (inside Azure Storage, via a short-lived read SAS) or auto (default: server where the accounts allow, stream on the emulator).")
    CopyMode copyMode;

    @Option(names = "--no-controls", description = "Plant no negative controls after verify (a restore into production never plants them).")
    boolean noControls;

    @Option(names = "--resume", paramLabel = "RESTORE-ID", description = "Finish an aborted restore; its first start stays the RTO's origin.")
    String resume;

    @Override
    protected ExitCode execute() {
        DrpConfig cfg = io.drp.backup.BackupKeys.withWorkDirKeys(new ConfigLoader().load(options.config), options.workDir);
        cfg.warnings().forEach(w -> err().println("warning: " + w));
        RestoreOptions opts = new RestoreOptions(at, point, label, services, containers,
                prefix, target, rename, overwrite, incidentStart, scenario, reportDir, parallelism, verify, resume, copyMode);
        new RestoreResolver(cfg, Clock.systemUTC(), options.workDir).resolve(opts); // bad input is refused before connecting
        try (StorageSession session = StorageSession.open(cfg, options.workDir)) {
            redactor = session.redactor();
            Clock clock = ServiceClocks.of(session);
            RecoveryRequest req = new RestoreResolver(cfg, clock, options.workDir).resolve(opts).withControls(!noControls);
            boolean production = req.restore().destination() == RestoreSpec.Destination.PRODUCTION;
            RestoreRunner runner = new RestoreRunner(cfg, session, options.workDir, clock,
                    progress(), ReportOutputs.to(err()), PulumiWorkspace.local(clock));
            if (dryRun || production && !yes) {
                RestoreRunner.Preview preview = runner.preview(req);
                RestorePrinter.preview(out(), preview, Throughput.recent(cfg.ledger(), req.reportDir()));
                if (dryRun) return finish(DryRunDocuments.restore(preview), ExitCode.OK);
                throw new UsageFailure("writing production needs --yes as well as --target production; nothing was written");
            }
            out().println("restore " + req.runId() + (req.resume() ? " (resuming)" : "") + " into " + runner.targetAccount(req).endpoint());
            List<AfterRun> after = List.of(LedgerBook.of(cfg, session.connector().open("recovery", session.accounts().recovery()))::record);
            try (SignalGuard stop = SignalGuard.onSignal("restore")) { // as for a drill: an ABORTED report, the lease released
                LockedRun.Outcome outcome = runner.run(req, after, stop);
                return finish(RunDocuments.run("restore", outcome, req.reportDir(), options, redactor),
                        DrillSummary.conclude(out(), redactor, outcome, req.reportDir(), "restore", options));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the command to parsing and calling. */
    static final class RestorePrinter {
        private RestorePrinter() {}

        static void preview(java.io.PrintWriter out, RestoreRunner.Preview p, java.util.Optional<Throughput.Measured> speed) {
            var d = p.plan();
            out.printf("dry run: would restore %s (watermark %s) into %s%n", d.point(), d.watermark(), p.target());
            out.printf("  points: %s%n", String.join(" -> ", d.points()));
            out.printf("  containers: %s%n", d.containers());
            out.printf("  to copy: %d objects, %s; replayed deletes: %d%n", d.objects(), Bytes.human(d.bytes()), d.replayDeletes());
            out.printf(Locale.ROOT, "  RPO against the chosen instant: %.1f s%n", d.rpoSeconds());
            out.printf("  containers to create: %s%n", p.toCreate().isEmpty() ? "none" : p.toCreate());
            if (!p.nonEmpty().isEmpty()) out.printf("  already holding objects (refused without --overwrite): %s%n", p.nonEmpty());
            if (speed.isPresent()) {
                var s = speed.get();
                out.printf(Locale.ROOT, "  estimated copy time: %.1f s at %s/s, measured over the last %d run(s) in the ledger%n",
                        d.bytes() / s.bytesPerSecond(), Bytes.human((long) s.bytesPerSecond()), s.runs());
            } else {
                out.println("  estimated copy time: unknown; no past run in the ledger to measure throughput from");
            }
            d.problems().forEach(pr -> out.println("  BLOCKING " + pr));
            out.println("  nothing was written");
        }
    }
}
