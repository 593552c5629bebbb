package io.drp.recovery;

import io.drp.config.DrpConfig;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.pipeline.DaemonThreads;
import io.drp.pipeline.RunGuard;
import io.drp.pipeline.Step;
import io.drp.pipeline.StepRunner;
import io.drp.pipeline.Timeline;
import io.drp.progress.Progress;
import io.drp.recovery.rebuild.RecoveryTarget;
import io.drp.secrets.Redactor;
import io.drp.storage.StorageAccount;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs one recovery, rehearsed or real: plan, rebuild, restore, replay, verify as a pipeline of steps over
 * one state, then the report (written whatever happened: a failed run is the most valuable evidence there
 * is), then teardown as the request's policy says. Drills and real recoveries share every step.
 */
public final class RecoveryEngine {

    /** Writes the report files; the CLI plugs in every format, tests may keep only JSON. */
    @FunctionalInterface
    public interface ReportSink {
        Path write(DrillReport report, Path dir) throws IOException;
    }

    private final RecoveryContext ctx;
    private final Clock clock;
    private final LongSupplier ticker;
    private final LongSupplier transientRetries;
    private final Redactor redactor;
    private final ReportSink sink;
    private final ReportAssembler assembler;
    private volatile Consumer<DrillReport> onInterrupt = r -> { };
    private volatile Runnable lastWords = () -> { };
    private volatile io.drp.plan.Pacer pacer = io.drp.plan.Pacer.sleeping();
    private volatile Consumer<String> tell = System.err::println;
    /** How verify and the controls compare content and attributes: exact, unless a test blinds it to prove the controls see that. */
    private volatile ContainerVerifier.Comparison comparison = ContainerVerifier.Comparison.EXACT;

    public RecoveryEngine(DrpConfig config, StorageAccount production, StorageAccount backup, RecoveryTarget target,
                          Isolation isolation, Clock clock, Progress progress, Path workDir, LongSupplier transientRetries,
                          Redactor redactor, ReportSink sink, String drpVersion) {
        if (isolation == Isolation.REHEARSAL && (!production.readOnly() || !backup.readOnly())) {
            throw new IllegalArgumentException("a drill must be given read-only production and backup accounts");
        }
        this.ctx = new RecoveryContext(config, production, backup, target, progress, workDir, clock);
        this.clock = clock;
        this.ticker = System::nanoTime;
        this.transientRetries = transientRetries;
        this.redactor = redactor;
        this.sink = sink;
        this.assembler = new ReportAssembler(config, new ReportAssembler.Setting(drpVersion, target.describe(),
                production.endpoint(), backup.endpoint(),
                // a real recovery may write production on purpose; only a drill promises to leave it read-only
                backup.serverEnforced() && (isolation == Isolation.REAL || production.serverEnforced())), redactor);
    }

    /** How plan actions wait (tests step a clock) and where manual gates' instructions are printed. */
    public void planRuntime(io.drp.plan.Pacer pacer, Consumer<String> tell) {
        this.pacer = pacer;
        this.tell = tell;
    }

    /**
     * For tests only, and package-private so that no caller outside the engine's package can reach it: verify and the
     * controls then compare with {@code c}. The seam is the comparison alone; listing, merge-join and hashing stay real.
     */
    void verifyingWith(ContainerVerifier.Comparison c) {
        this.comparison = c;
    }

    /** Told the report written when a signal stops the run, so the caller can save resume state. */
    public void onInterrupt(Consumer<DrillReport> listener) {
        this.onInterrupt = listener;
    }

    /**
     * Runs the steps and writes the report. Never throws for a recovery problem: those become an ABORTED
     * report. Throws only if the report itself cannot be written.
     */
    public DrillReport run(RecoveryRequest req) throws IOException {
        return run(req, RunGuard.NONE);
    }

    /**
     * Writes an ABORTED report from what the running run knows, unless it has written its own: for a stop signal
     * whose grace ran out ({@link io.drp.pipeline.SignalGuard#ifGraceRunsOut}).
     */
    public void lastWords() {
        lastWords.run();
    }

    /** @param guard says stop when the run may no longer write: the target's lock was lost, or a signal came */
    public DrillReport run(RecoveryRequest req, RunGuard guard) throws IOException {
        Timeline timeline = new Timeline(clock, ticker);
        long retriesAtStart = transientRetries.getAsLong();
        RecoveryState st = new RecoveryState(req, guard);
        StepRunner<RecoveryState> runner = new StepRunner<>(timeline, e -> redactor.redact(StepFailure.describe(e)),
                ctx.progress()::done, guard);
        AtomicBoolean reported = new AtomicBoolean();
        // A signal trips the caller's guard and the steps wind down into the normal ABORTED report; only when they
        // cannot within the grace (a step that never checks the guard) is this report written from what is known.
        lastWords = () -> {
            if (reported.get()) return;
            try {
                String current = runner.currentStep();
                String why = "interrupted: drp was stopped by a signal" + (current == null ? "" : " during " + current);
                DrillReport r = assembler.assemble(st, new ReportAssembler.Progress(runner.snapshot("interrupted"), why,
                        timeline.start(), timeline.now(), transientRetries.getAsLong() - retriesAtStart));
                sink.write(r, req.reportDir());
                onInterrupt.accept(r);
            } catch (Throwable ignored) {
                // best effort: the JVM is going down
            }
        };
        ExecutorService pool = DaemonThreads.pool(req.parallelism(), "drp-" + req.kind().name().toLowerCase(java.util.Locale.ROOT));
        try (RestoreJournal journal = RestoreJournal.open(ctx.workDir().resolve("drills").resolve(req.runId()).resolve("restore.journal"))) {
            List<Step<RecoveryState>> steps = List.of(new PlanStep(ctx), new RebuildStep(ctx, journal), ApplyStep.restore(ctx, pool, journal),
                    ApplyStep.replay(ctx, pool, journal), new VerifyStep(ctx, pool, journal, comparison),
                    // the plan is the service's RTO; the controls come after it, outside any clock the report judges
                    new ServiceStep(ctx, new io.drp.plan.PlanExecutor(clock, pacer, redactor, tell, System.console())),
                    new ControlsStep(pool, comparison));
            runner.runAll(steps, st);
        } finally {
            pool.shutdownNow();
        }
        try {
            DrillReport report = assembler.assemble(st, new ReportAssembler.Progress(runner.records(), runner.abortReason(),
                    timeline.start(), timeline.now(), transientRetries.getAsLong() - retriesAtStart));
            write(report, req.reportDir());
            reported.set(true); // from here an interruption must not replace this report
            return teardown(st, runner, report, timeline);
        } finally {
            reported.set(true);
            lastWords = () -> { };
        }
    }

    private DrillReport teardown(RecoveryState st, StepRunner<RecoveryState> runner, DrillReport report, Timeline timeline)
            throws IOException {
        // the controls' scratch container goes whatever the policy: it is evidence spent, not recovered data
        ControlPlot left = st.controlPlot;
        if (left != null) ControlsStep.deleteQuietly(st, left);
        if (st.environment == null) return report;
        String skipped = switch (st.request.teardown()) {
            case KEEP -> "--keep: recovery containers left in place for inspection";
            case NEVER -> "a real recovery is never torn down: the recovered data is the point of the run";
            case AFTER_COMPLETION -> runner.abortReason() != null
                    ? "aborted run: recovery containers left in place for --resume or inspection" : null;
        };
        String stack = st.environment.details().get("stack");
        if (skipped != null && "ephemeral".equals(st.environment.details().get("rebuild"))) {
            skipped += "; drill stack " + stack + " left up (remove it with: " + io.drp.recovery.rebuild.TeardownIncomplete.finishCommand(stack) + ")";
        }
        List<StepRecord> steps;
        if (skipped != null) {
            var at = timeline.now();
            steps = new java.util.ArrayList<>(runner.records());
            steps.add(new StepRecord("teardown", at, at, 0, StepStatus.SKIPPED, skipped, Map.of()));
        } else {
            // A teardown failure is recorded on its step but does not change what the recovery proved.
            StepRunner<RecoveryState> after = new StepRunner<>(timeline, e -> redactor.redact(StepFailure.describe(e)), n -> { });
            runner.records().forEach(after::record);
            after.run(new TeardownStep(ctx), st);
            steps = after.records();
        }
        DrillReport done = ReportAssembler.withSteps(report, steps, timeline.now(), st.teardownFinding == null ? null
                : new io.drp.model.Finding(st.teardownFinding.severity(), st.teardownFinding.code(),
                        redactor.redact(st.teardownFinding.message()), st.teardownFinding.fix()));
        write(done, st.request.reportDir());
        return done;
    }

    /** A report that cannot be written is the run failing to leave its evidence: one clear line, exit 3. */
    private void write(DrillReport report, Path dir) {
        try {
            sink.write(report, dir);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new io.drp.failure.StateFailure("cannot write the report into " + dir + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); pass a writable --report-dir. The run's resume state is kept under the work dir", e);
        }
    }

    /** Plans a real recovery and stops: what it would restore, and into which containers. Writes nothing. */
    public RestorePreview preview(RecoveryRequest req) {
        RecoveryState st = new RecoveryState(req);
        new PlanStep(ctx).run(st, new Timeline(clock, ticker));
        List<String> targets = PlanStep.containers(st).stream().map(req.scope()::target).toList();
        return RestorePreview.of(st.plan, req, targets, st.findings().stream().map(io.drp.model.Finding::message).toList());
    }

    /** Plans (step 1) and stops: checks backups are restorable and what the RPO would be. Writes nothing. */
    public DryRun dryRun(RecoveryRequest req) {
        RecoveryState st = new RecoveryState(req);
        new PlanStep(ctx).run(st, new Timeline(clock, ticker));
        return DryRun.of(ctx.config(), st.plan, req, st.findings().stream().map(io.drp.model.Finding::message).toList());
    }
}
