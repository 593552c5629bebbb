package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.backup.ManifestHeader;
import io.drp.backup.ManifestWriter;
import io.drp.backup.PointKind;
import io.drp.backup.RestorePlan;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.Mismatch;
import io.drp.model.ObjectiveResult;
import io.drp.model.RunRecord;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;
import io.drp.secrets.Redactor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every verdict rule, judged on the report a run's state produces, with no storage involved. */
class ReportAssemblerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final String SHA = "a".repeat(64);

    @TempDir
    Path tmp;
    private DrpConfig config;
    private RestorePlan plan;

    @BeforeEach
    void setUp() throws Exception {
        config = new ConfigLoader(k -> null).parse("drp.yaml", Path.of("drp.yaml"), """
                version: 1
                backup: { container: backups, fullEvery: 24h, incrementalEvery: 1h }
                services:
                  orders:
                    containers: [orders]
                    objectives:
                      region-outage: { rto: 10m, rpo: 1h, maxLostObjects: 2 }
                """, "0".repeat(64));
        plan = new RestorePlan(List.of(manifest(T0.minus(Duration.ofMinutes(30)))), List.of());
    }

    private ManifestFile manifest(Instant watermark) throws Exception {
        Path f = tmp.resolve("m.jsonl");
        try (OutputStream out = Files.newOutputStream(f)) {
            ManifestWriter w = new ManifestWriter(out, new ManifestHeader(ManifestHeader.FORMAT, "c1", 0, PointKind.FULL,
                    watermark, null, null, List.of("orders")));
            w.write(new ManifestEntry(ManifestEntry.Op.PUT, "orders", "a.json", 10, SHA, watermark, "e1", 0));
            w.finish(watermark.plusSeconds(1));
        }
        return ManifestFile.open(f, "c1/000000");
    }

    private RecoveryState state(Duration rto, long lost, List<Mismatch> mismatches) {
        RecoveryState st = new RecoveryState(new RecoveryRequest(RunKind.DRILL, "d1", T0, "region-outage", tmp, 12,
                VerifyMode.FULL, TeardownPolicy.AFTER_COMPLETION, false, List.of()));
        st.plan = plan;
        st.verification = new RecoveryState.Verification(T0.plus(rto), 1, 1 - mismatches.size(), 10, mismatches);
        st.loss = new Loss(lost, lost * 10, List.of(), 0, lost == 0 ? Map.of() : Map.of("orders", lost));
        return st;
    }

    private DrillReport assemble(RecoveryState st, String abort) {
        ReportAssembler a = new ReportAssembler(config, new ReportAssembler.Setting("1.2.3", "local", "http://p", "http://b", true),
                new Redactor(List.of("s3cr3t-value")));
        List<StepRecord> steps = List.of(new StepRecord("plan", T0, T0, 0, abort == null ? StepStatus.SUCCEEDED : StepStatus.ABORTED, null, Map.of()));
        return a.assemble(st, new ReportAssembler.Progress(steps, abort, T0, T0.plusSeconds(700), 3));
    }

    private static ObjectiveResult result(DrillReport r, ObjectiveResult.Kind kind) {
        return r.objectiveResults().stream().filter(o -> o.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void passesWhenRtoRpoAndLossAreWithinTheObjectives() {
        DrillReport r = assemble(state(Duration.ofMinutes(9), 2, List.of()), null);

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(540.0, r.measured().rtoSeconds());
        assertEquals(1800.0, r.measured().rpoSeconds());
        assertEquals(12, r.evidence().parallelism());
        assertEquals("c1/000000", r.measured().recoveryPoint());
        assertEquals(3, r.transientRetries());
    }

    @Test
    void theReportSaysWhetherTheDisasterFellInsideTheSlaWindows() {
        // T0 is Tuesday 03:00 UTC: outside the plan's windows; the next one opens at 09:00 the same day
        DrillReport r = assemble(state(Duration.ofMinutes(9), 0, List.of()), null);
        assertFalse(r.measured().serviceWindow().inside());
        assertEquals(Instant.parse("2026-11-24T09:00:00Z"), r.measured().serviceWindow().nextOpensAt());
        assertEquals("restoration", r.measured().serviceWindow().nextWindow());
        assertEquals("UTC", r.measured().serviceWindow().zone());
    }

    @Test
    void failsWhenTheRtoIsMissed() {
        DrillReport r = assemble(state(Duration.ofMinutes(11), 0, List.of()), null);

        assertEquals(Verdict.FAILED, r.verdict());
        assertFalse(result(r, ObjectiveResult.Kind.RTO).met());
        assertTrue(r.verdictReason().contains("orders RTO"), r.verdictReason());
        assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("OBJECTIVE_MISSED_RTO")));
    }

    @Test
    void failsWhenTheRpoIsMissed() throws Exception {
        plan = new RestorePlan(List.of(manifest(T0.minus(Duration.ofMinutes(61)))), List.of());
        DrillReport r = assemble(state(Duration.ofMinutes(1), 0, List.of()), null);

        assertEquals(Verdict.FAILED, r.verdict());
        assertFalse(result(r, ObjectiveResult.Kind.RPO).met());
        assertEquals(3660.0, r.measured().rpoSeconds());
    }

    @Test
    void failsWhenMoreObjectsAreLostThanTolerated() {
        DrillReport r = assemble(state(Duration.ofMinutes(1), 3, List.of()), null);

        assertEquals(Verdict.FAILED, r.verdict());
        assertEquals(3.0, result(r, ObjectiveResult.Kind.INTEGRITY).measured());
        assertEquals(3, r.integrity().objectsLost());
    }

    @Test
    void failsOnAnyObjectNotRestoredExactlyEvenWithinTheLossTolerance() {
        DrillReport r = assemble(state(Duration.ofMinutes(1), 0, List.of(new Mismatch("orders/a.json", "hash differs"))), null);

        assertEquals(Verdict.FAILED, r.verdict());
        assertEquals(1, r.integrity().mismatches());
        assertTrue(r.verdictReason().contains("orders/a.json (hash differs)"), r.verdictReason());
    }

    @Test
    void failsOnABlockingFindingEvenWhenEveryObjectiveIsMet() {
        RecoveryState st = state(Duration.ofMinutes(1), 0, List.of());
        st.findings.add(new Finding(Finding.Severity.BLOCKING, "BROKEN_BACKUP", "point c2/000001 is truncated", "re-take it"));
        DrillReport r = assemble(st, null);

        assertEquals(Verdict.FAILED, r.verdict());
        assertTrue(r.objectiveResults().stream().allMatch(ObjectiveResult::met));
        assertTrue(r.verdictReason().contains("broken backup"), r.verdictReason());
    }

    @Test
    void isAbortedWhenAStepAbortedAndNothingMeasuredCountsAsMet() {
        RecoveryState st = new RecoveryState(state(Duration.ZERO, 0, List.of()).request);
        DrillReport r = assemble(st, "plan: storage unreachable (s3cr3t-value)");

        assertEquals(Verdict.ABORTED, r.verdict());
        assertEquals("plan: storage unreachable (***)", r.verdictReason());
        assertNull(r.measured().rtoSeconds());
        assertTrue(r.objectiveResults().stream().noneMatch(ObjectiveResult::met));
    }

    @Test
    void aResumedRunKeepsTheFirstStartAndNumbersItsRun() {
        RecoveryState first = state(Duration.ofMinutes(1), 0, List.of());
        RecoveryState st = new RecoveryState(new RecoveryRequest(RunKind.DRILL, "d1", T0, "region-outage", tmp, 4, VerifyMode.FULL,
                TeardownPolicy.AFTER_COMPLETION, true, List.of(new RunRecord(1, T0.minusSeconds(60), T0, Verdict.ABORTED, null))));
        st.plan = first.plan;
        st.verification = first.verification;
        st.loss = first.loss;
        DrillReport r = assemble(st, null);

        assertEquals(T0.minusSeconds(60), r.startedAt());
        assertEquals(List.of(1, 2), r.runs().stream().map(RunRecord::run).toList());
    }
}
