package io.drp.recovery;

import io.drp.failure.StateFailure;
import io.drp.failure.UsageFailure;
import io.drp.model.Verdict;
import io.drp.model.RunRecord;
import io.drp.report.ReportJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What must survive between runs of one drill or restore for {@code --resume}: the disaster instant (so the
 * RTO stays honest across the interruption), the scenario, the runs so far, and what it restores (a restore's
 * spec, or a level-2 drill's services' containers; null in records written before drills were scoped).
 */
public record ResumeRecord(String drillId, Instant disasterAt, String scenario, List<RunRecord> runs, RestoreSpec restore, Scope drillScope) {

    public ResumeRecord {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    public ResumeRecord(String drillId, Instant disasterAt, String scenario, List<RunRecord> runs) {
        this(drillId, disasterAt, scenario, runs, null, null);
    }

    /**
     * Only an aborted run may be resumed. The record is saved before the run writes anything (no outcome yet for this
     * run: it was killed) and again with the run's outcome when it ends, so the last run's outcome says how it ended.
     *
     * @throws UsageFailure naming the run and its outcome when it finished (PASSED or FAILED): resuming it would write
     *                      over a target that drp's own checks no longer stand between
     */
    public ResumeRecord requireAborted(String what) {
        if (runs.isEmpty()) return this;
        RunRecord last = runs.get(runs.size() - 1);
        if (last.outcome() == Verdict.ABORTED) return this;
        throw new UsageFailure(what + " " + drillId + " finished (" + last.outcome() + (last.finishedAt() == null ? "" : " at " + last.finishedAt())
                + "); only an aborted run can be resumed: start a new " + what + " instead");
    }

    static ResumeRecord of(RecoveryRequest req, List<RunRecord> runs) {
        return new ResumeRecord(req.runId(), req.disasterAt(), req.scenario(), runs, req.restore(), req.restore() == null ? req.scope() : null);
    }

    static Path file(Path workDir, String drillId) {
        return workDir.resolve("drills").resolve(drillId).resolve("drill.json");
    }

    public static Optional<ResumeRecord> load(Path workDir, String drillId) {
        Path f = file(workDir, drillId);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(ReportJson.mapper().readValue(f.toFile(), ResumeRecord.class));
        } catch (IOException e) {
            throw new StateFailure("drill state " + f + " is unreadable (" + e.getClass().getSimpleName()
                    + "); start a new drill instead of resuming", e);
        }
    }

    public void save(Path workDir) throws IOException {
        Path f = file(workDir, drillId);
        Files.createDirectories(f.getParent());
        Path tmp = Files.createTempFile(f.getParent(), ".drill", ".tmp");
        ReportJson.mapper().writeValue(tmp.toFile(), this);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
