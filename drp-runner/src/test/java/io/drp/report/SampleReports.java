package io.drp.report;

import io.drp.model.DrillReport;
import io.drp.model.Evidence;
import io.drp.model.Finding;
import io.drp.model.Integrity;
import io.drp.model.ManifestEvidence;
import io.drp.model.Measured;
import io.drp.model.ObjectiveResult;
import io.drp.model.Objectives;
import io.drp.model.RunRecord;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports of each verdict, built from the records, for renderer tests that need no storage. */
public final class SampleReports {

    private SampleReports() {}

    static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");

    public static DrillReport failed() {
        List<ObjectiveResult> results = List.of(
                new ObjectiveResult("orders", "region-outage", ObjectiveResult.Kind.RTO, 600, 754.25, "seconds", false, "12m34s exceeds 10m"),
                new ObjectiveResult("orders", "region-outage", ObjectiveResult.Kind.RPO, 3600, 1234.5, "seconds", true, "20m34s within 1h"),
                new ObjectiveResult("orders", "region-outage", ObjectiveResult.Kind.INTEGRITY, 0, 3.0, "objects", false, "3 object(s) lost, tolerance 0"),
                new ObjectiveResult("media", "region-outage", ObjectiveResult.Kind.RTO, 1800, 754.25, "seconds", true, "12m34s within 30m"));
        return new DrillReport(DrillReport.SCHEMA_VERSION, DrillReport.DRILL, "d20261124-030000-abcd", Verdict.FAILED, "missed: orders RTO, orders INTEGRITY",
                T0, T0.plusSeconds(760), new Objectives(600, 3600, 0, "region-outage", 99.9),
                new Measured(T0, "c20261124T020000000Z/000002", T0.minusSeconds(1234).minusMillis(500), T0.plusMillis(754_250), 754.25, 1234.5),
                results, steps(StepStatus.SUCCEEDED),
                new Integrity(120, 120, 4096, 0, List.of(), 3, 300, List.of("orders/<script>alert(1)</script>.json", "orders/b", "orders/c"), 1, null, 0, List.of(), 0, List.of()),
                new Evidence("0.1.0", "drp.yaml", "a".repeat(64), "recovery", "local (http://127.0.0.1/drprecovery)",
                        "http://127.0.0.1/drpprod", "http://127.0.0.1/drpbackup", "http://127.0.0.1/drprecovery",
                        List.of(new ManifestEvidence("c20261124T020000000Z/000000", "FULL", T0.minusSeconds(7200), 100, 4000, 0, "b".repeat(64), "snapshot"),
                                new ManifestEvidence("c20261124T020000000Z/000002", "INCREMENTAL", T0.minusSeconds(1234), 120, 4096, 2, "c".repeat(64), null)), 16,
                        "server", "auto: the recovery account's service reads the backup through a service SAS (account key)"),
                List.of(new Finding(Finding.Severity.BLOCKING, "OBJECTIVE_MISSED_RTO", "orders: RTO 12m34s exceeds 10m", "Raise drill.parallelism.")),
                List.of(new RunRecord(1, T0, T0.plusSeconds(760), Verdict.FAILED, null)), 4, null);
    }

    public static DrillReport aborted() {
        List<StepRecord> steps = List.of(
                new StepRecord("plan", T0, T0.plusMillis(30), 0.03, StepStatus.ABORTED, "no restorable backup", Map.of()),
                new StepRecord("rebuild", T0.plusMillis(30), T0.plusMillis(30), 0, StepStatus.SKIPPED, "skipped: an earlier step aborted", Map.of()));
        return new DrillReport(DrillReport.SCHEMA_VERSION, DrillReport.DRILL, "d-aborted", Verdict.ABORTED, "plan: no restorable backup", T0, T0.plusSeconds(1),
                new Objectives(600, 3600, 0, "region-outage", 99.9), new Measured(T0, null, null, null, null, null),
                List.of(new ObjectiveResult("orders", "region-outage", ObjectiveResult.Kind.RTO, 600, null, "seconds", false, "not measured")),
                steps, Integrity.empty(), new Evidence("0.1.0", "drp.yaml", "a".repeat(64), null, null, null, null, null, List.of(), null),
                List.of(), List.of(new RunRecord(1, T0, T0.plusSeconds(1), Verdict.ABORTED, null)), 0, null);
    }

    static List<StepRecord> steps(StepStatus restore) {
        return List.of(
                new StepRecord("plan", T0, T0.plusSeconds(1), 1, StepStatus.SUCCEEDED, null, Map.of("points", 3)),
                new StepRecord("rebuild", T0.plusSeconds(1), T0.plusSeconds(3), 2, StepStatus.SUCCEEDED, null, Map.of()),
                new StepRecord("restore", T0.plusSeconds(3), T0.plusSeconds(600), 597, restore, null, Map.of("objects", 100)),
                new StepRecord("replay", T0.plusSeconds(600), T0.plusSeconds(700), 100, StepStatus.SUCCEEDED, null, Map.of()),
                new StepRecord("verify", T0.plusSeconds(700), T0.plusMillis(754_250), 54.25, StepStatus.SUCCEEDED, null, Map.of()));
    }
}
