package io.drp.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The drill report, serialised as {@code drill-report.json}. Its shape is described by
 * {@code drp-runner/src/main/resources/schema/drill-report.schema.json}; bump {@link #SCHEMA_VERSION}
 * on any incompatible change. {@code controls} (the negative controls) is null in reports written before drp planted them.
 */
public record DrillReport(
        String schemaVersion,
        String kind,
        String drillId,
        Verdict verdict,
        String verdictReason,
        Instant startedAt,
        Instant finishedAt,
        Objectives objectives,
        Measured measured,
        List<ObjectiveResult> objectiveResults,
        List<StepRecord> steps,
        Integrity integrity,
        Evidence evidence,
        List<Finding> findings,
        List<RunRecord> runs,
        long transientRetries,
        RestoreDetails restore,
        PlanRecord plan,
        Controls controls) {

    public static final String SCHEMA_VERSION = "1.0";

    public static final String DRILL = "drill";
    public static final String RESTORE = "restore";

    /** A report without a recovery plan or a Controls section (written before either existed, or by code that runs neither). */
    public DrillReport(String schemaVersion, String kind, String drillId, Verdict verdict, String verdictReason, Instant startedAt,
                       Instant finishedAt, Objectives objectives, Measured measured, List<ObjectiveResult> objectiveResults,
                       List<StepRecord> steps, Integrity integrity, Evidence evidence, List<Finding> findings, List<RunRecord> runs,
                       long transientRetries, RestoreDetails restore) {
        this(schemaVersion, kind, drillId, verdict, verdictReason, startedAt, finishedAt, objectives, measured, objectiveResults, steps,
                integrity, evidence, findings, runs, transientRetries, restore, null, null);
    }

    public DrillReport {
        // reports written before real recoveries existed carry no kind: they are drills
        kind = kind == null ? DRILL : kind;
        if (!kind.equals(DRILL) && !kind.equals(RESTORE)) throw new IllegalArgumentException("kind must be drill or restore");
        Objects.requireNonNull(drillId, "'drillId' cannot be null.");
        Objects.requireNonNull(verdict, "'verdict' cannot be null.");
        objectiveResults = objectiveResults == null ? List.of() : List.copyOf(objectiveResults);
        steps = steps == null ? List.of() : List.copyOf(steps);
        findings = findings == null ? List.of() : List.copyOf(findings);
        runs = runs == null ? List.of() : List.copyOf(runs);
        integrity = integrity == null ? Integrity.empty() : integrity;
    }

    /** "drill-report" or "restore-report": the stem of every file this report is written to. */
    public String fileStem() {
        return kind + "-report";
    }
}
