package io.drp.recovery;

import io.drp.failure.StateFailure;
import io.drp.model.DrillReport;
import io.drp.model.RunRecord;
import io.drp.pipeline.SignalGuard;
import io.drp.storage.LeaseLock;
import io.drp.storage.StorageAccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * How drills and real recoveries run the engine alike: under the one-run-per-target lease, with resume
 * state saved before the first write and after every outcome, then the follow-ups (ledger, notification).
 */
public final class LockedRun {

    /** The report, and what the follow-ups said. */
    public record Outcome(DrillReport report, List<AfterRun.Note> notes) {}

    /** The lease blob drills and restores share in the target account. */
    public static final String LOCK = "drill.lock";

    private LockedRun() {}

    /**
     * @param stop the caller's stop signal (Ctrl-C or SIGTERM); the caller closes it once it has said its last
     *             line, so the JVM does not exit mid-report or with the lease still taken
     */
    public static Outcome run(StorageAccount lockAccount, RecoveryEngine engine, RecoveryRequest req, Path workDir,
                              List<AfterRun> afterRuns, SignalGuard stop) throws IOException {
        if (req.kind() == RunKind.DRILL && !"recovery".equals(lockAccount.role())) {
            // the lease blob is a write: a drill writes the recovery account and nothing else
            throw new IllegalStateException("a drill takes its lock in the recovery account, not in " + lockAccount.role());
        }
        DrillReport report;
        try (LeaseLock lock = LeaseLock.acquire(lockAccount, LOCK, "drill or restore", req.runId(), req.resume(), Clock.systemUTC())) {
            save(workDir, req, req.previousRuns());
            engine.onInterrupt(r -> {
                try {
                    save(workDir, req, r.runs());
                } catch (RuntimeException ignored) {
                    // resume then starts from the record saved above
                }
            });
            stop.ifGraceRunsOut(engine::lastWords);
            // a lost lock means another run may be writing the same target: stop rather than race it
            report = engine.run(req, () -> stop.stopReason() != null ? stop.stopReason() : lock.lostBecause() == null ? null
                    : "the lock on " + lockAccount.endpoint() + " was lost (" + lock.lostBecause() + "); another run may be writing the target");
            save(workDir, req, report.runs());
        }
        List<AfterRun.Note> notes = new ArrayList<>();
        for (AfterRun a : afterRuns) notes.add(a.after(report, req.reportDir()));
        return new Outcome(report, notes);
    }

    private static void save(Path workDir, RecoveryRequest req, List<RunRecord> runs) {
        try {
            ResumeRecord.of(req, runs).save(workDir);
        } catch (IOException | UncheckedIOException e) {
            throw new StateFailure("cannot write run state under " + workDir + ": " + e.getMessage(), e);
        }
    }
}
