package io.drp.recovery;

import io.drp.failure.StateFailure;
import io.drp.model.DrillReport;
import io.drp.model.RunRecord;
import io.drp.storage.StorageAccount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How drills and real recoveries run the engine alike: under the one-run-per-target lease, with resume
 * state saved before the first write and after every outcome, then the follow-ups (ledger, notification).
 */
public final class LockedRun {

    /** The report, and what the follow-ups said. */
    public record Outcome(DrillReport report, List<String> notes) {}

    private LockedRun() {}

    public static Outcome run(StorageAccount lockAccount, RecoveryEngine engine, RecoveryRequest req, Path workDir,
                              List<AfterRun> afterRuns) throws IOException {
        DrillReport report;
        try (RecoveryLock lock = RecoveryLock.acquire(lockAccount, req.runId(), req.resume())) {
            save(workDir, req, req.previousRuns());
            engine.onInterrupt(r -> {
                try {
                    save(workDir, req, r.runs());
                } catch (RuntimeException ignored) {
                    // resume then starts from the record saved above
                }
            });
            report = engine.run(req);
            save(workDir, req, report.runs());
        }
        List<String> notes = new ArrayList<>();
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
