package io.drp.recovery;

import io.drp.backup.ManifestFile;
import io.drp.config.DrpConfig;
import io.drp.config.ServiceConfig;
import io.drp.model.DrillReport;
import io.drp.model.Evidence;
import io.drp.model.Finding;
import io.drp.model.Integrity;
import io.drp.model.ManifestEvidence;
import io.drp.model.Measured;
import io.drp.model.Mismatch;
import io.drp.model.ObjectiveResult;
import io.drp.model.Objectives;
import io.drp.model.RestoreDetails;
import io.drp.model.RunRecord;
import io.drp.model.StepRecord;
import io.drp.secrets.Redactor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns what a run learned into its report. Pure: no storage, no clock; the same inputs give the same report,
 * which is what lets the verdict and every figure be unit-tested and the interrupted-run report be trusted.
 */
final class ReportAssembler {

    /** What does not change during a run: where it read and wrote, and with what. */
    record Setting(String drpVersion, String targetDescription, String productionEndpoint, String backupEndpoint,
                   boolean sourcesServerEnforced) {}

    /** The run so far, as the report sees it. */
    record Progress(List<StepRecord> steps, String abortReason, Instant startedAt, Instant finishedAt, long transientRetries) {}

    private final DrpConfig config;
    private final Setting setting;
    private final Redactor redactor;

    ReportAssembler(DrpConfig config, Setting setting, Redactor redactor) {
        this.config = config;
        this.setting = setting;
        this.redactor = redactor;
    }

    DrillReport assemble(RecoveryState st, Progress run) {
        RecoveryRequest req = st.request;
        Instant watermark = st.plan == null ? null : st.plan.recoveryPoint().header().watermark();
        Duration rpo = watermark == null ? null : Duration.between(watermark, req.pointAt());
        RecoveryState.Verification v = st.verification;
        // clearing what a kept drill left behind is not recovery: a real disaster starts from empty containers
        Duration housekeeping = st.environment == null ? Duration.ZERO : st.environment.leftovers().took();
        // with a plan that ran actions, the RTO is the service's: it ends when the last group's last action passed
        io.drp.model.PlanRecord plan = st.planRecord;
        java.time.Instant rtoEnd = plan != null ? plan.serviceRestoredAt() : v == null ? null : v.verifiedAt();
        Duration rto = v == null || rtoEnd == null ? null : Duration.between(req.disasterAt(), rtoEnd).minus(housekeeping);
        // a run that never reached verify measured no loss: "not measured", never a reassuring 0
        Loss loss = st.loss != null ? st.loss : Loss.unknown("the run did not reach verification");
        List<Mismatch> mismatches = v != null ? v.mismatches() : List.copyOf(new TreeMap<>(byObject(st.copyMismatches)).values());
        List<io.drp.config.ServiceConfig> judged = inScope(req.scope());
        List<ObjectiveResult> results = ObjectiveEvaluator.evaluate(judged, req.scenario(), rto, rpo,
                v == null ? null : integrityPerService(loss, mismatches));
        List<Finding> findings = new ArrayList<>(st.findings());
        if (!setting.sourcesServerEnforced()) {
            findings.add(new Finding(Finding.Severity.INFO, "READ_ONLY_BY_CODE",
                    "production or backup was opened with a credential drp cannot narrow; drp refused every write before sending it, but the service would have accepted one",
                    "Give drills a read+list SAS (or the Storage Blob Data Reader role) on production and backup."));
        }
        VerdictJudge.Judgement j = VerdictJudge.judge(results, findings, run.abortReason(), mismatches, req.judged());
        Integrity integrity = v == null
                ? new Integrity(0, 0, 0, mismatches.size(), names(mismatches), 0, 0, List.of(), 0, null, 0, List.of(), 0, sample(mismatches))
                : new Integrity(v.expected(), v.restored(), v.restoredBytes(), mismatches.size(), names(mismatches),
                loss.objects(), loss.bytes(), loss.sample(), loss.writtenAfterDisaster(), loss.unknownBecause(),
                loss.revertedDeletions(), loss.revertedSample(), loss.unrestorable(), sample(mismatches));
        Measured measured = new Measured(req.disasterAt(), st.plan == null ? null : st.plan.recoveryPoint().pointId(), watermark,
                v == null ? null : v.verifiedAt(), rto == null ? null : ObjectiveEvaluator.seconds(rto),
                rpo == null ? null : ObjectiveEvaluator.seconds(rpo), serviceWindow(req.disasterAt()), plan == null ? null : plan.serviceRestoredAt());
        List<RunRecord> runs = new ArrayList<>(req.previousRuns());
        runs.add(new RunRecord(runs.size() + 1, run.startedAt(), run.finishedAt(), j.verdict(),
                req.previousRuns().isEmpty() ? null : "resumed; already verified copies were not repeated"));
        Instant firstStart = req.previousRuns().isEmpty() ? run.startedAt() : req.previousRuns().get(0).startedAt();
        Objectives objectives = ObjectiveEvaluator.headline(judged, req.scenario());
        String kind = req.kind() == RunKind.RESTORE ? DrillReport.RESTORE : DrillReport.DRILL;
        return new DrillReport(DrillReport.SCHEMA_VERSION, kind, req.runId(), j.verdict(), redactor.redact(j.reason()), firstStart,
                run.finishedAt(), objectives, measured, results, run.steps(), integrity, evidence(st), redact(j.findings()), runs,
                run.transientRetries(), restoreDetails(st), plan, controls(st));
    }

    /** The Controls section: what was planted and caught, or why nothing was. */
    private static io.drp.model.Controls controls(RecoveryState st) {
        if (st.controls != null) return st.controls;
        return io.drp.model.Controls.notRun(ControlsStep.whyNot(st.request)
                .orElse("the run stopped before the controls, which follow verify, could finish"));
    }

    /**
     * The services a run is judged for: those it restored at least one container of. A level-2 drill of one service
     * says nothing about the others' objectives, so it does not report them as met.
     */
    private List<io.drp.config.ServiceConfig> inScope(Scope scope) {
        var in = config.services().stream().filter(s -> s.containers().stream().anyMatch(scope::includesContainer)).toList();
        return in.isEmpty() ? config.services() : in;
    }

    private io.drp.model.ServiceWindow serviceWindow(Instant at) {
        var w = config.serviceHours().at(at);
        return new io.drp.model.ServiceWindow(w.open(), w.current(), w.nextOpensAt(), w.next(), w.zone());
    }

    private static RestoreDetails restoreDetails(RecoveryState st) {
        RestoreSpec spec = st.request.restore();
        if (spec == null) return null;
        Scope scope = spec.scope();
        List<String> containers = st.plan == null ? List.copyOf(scope.containers()) : PlanStep.containers(st);
        return new RestoreDetails(spec.destination().name().toLowerCase(java.util.Locale.ROOT),
                st.environment == null ? null : st.environment.account().endpoint(), st.request.disasterAt(), spec.at(),
                spec.pointId() != null ? spec.pointId() : spec.label() == null ? null : "label " + spec.label(), containers, scope.prefix(), scope.rename(), spec.overwrite(), st.replaced.count(), st.replaced.sample());
    }

    /** The same report with the steps that ran after it was first written (teardown), and a later finish. */
    /**
     * @param teardown a teardown that could not finish, or null. It does not change the verdict: what the run
     *                 measured still stands. It is said in the verdict's reason, so nobody reads PASSED and
     *                 misses a stack left running.
     */
    static DrillReport withSteps(DrillReport r, List<StepRecord> steps, Instant finishedAt, Finding teardown) {
        List<RunRecord> runs = new ArrayList<>(r.runs());
        RunRecord last = runs.remove(runs.size() - 1);
        runs.add(new RunRecord(last.run(), last.startedAt(), finishedAt, last.outcome(), last.note()));
        List<Finding> findings = new ArrayList<>(r.findings());
        String reason = r.verdictReason();
        if (teardown != null) {
            findings.add(teardown);
            reason = reason + "; teardown incomplete: " + teardown.message();
        }
        return new DrillReport(r.schemaVersion(), r.kind(), r.drillId(), r.verdict(), reason, r.startedAt(), finishedAt,
                r.objectives(), r.measured(), r.objectiveResults(), steps, r.integrity(), r.evidence(), findings, runs,
                r.transientRetries(), r.restore(), r.plan(), r.controls());
    }

    private Map<String, ObjectiveEvaluator.ServiceIntegrity> integrityPerService(Loss loss, List<Mismatch> mismatches) {
        Map<String, Long> wrong = new TreeMap<>();
        for (Mismatch m : mismatches) wrong.merge(config.serviceNameOf(m.object()), 1L, Long::sum);
        Map<String, ObjectiveEvaluator.ServiceIntegrity> out = new LinkedHashMap<>();
        for (ServiceConfig s : config.services()) {
            out.put(s.name(), new ObjectiveEvaluator.ServiceIntegrity(loss.perService().getOrDefault(s.name(), 0L),
                    wrong.getOrDefault(s.name(), 0L), loss.unknownBecause()));
        }
        return out;
    }

    private Evidence evidence(RecoveryState st) {
        List<ManifestEvidence> manifests = new ArrayList<>();
        if (st.plan != null) {
            for (ManifestFile m : st.plan.points()) {
                manifests.add(new ManifestEvidence(m.pointId(), m.header().kind().name(), m.header().watermark(),
                        m.trailer().liveObjects(), m.trailer().liveBytes(), m.trailer().deletes(), m.sha256(),
                        m.trailer().consistency()));
            }
        }
        return new Evidence(setting.drpVersion(), String.valueOf(config.file()), config.sha256(), config.recovery().stack(),
                setting.targetDescription(), setting.productionEndpoint(), setting.backupEndpoint(),
                st.environment == null ? null : st.environment.account().endpoint(), manifests, st.request.parallelism(),
                st.copy == null ? null : st.copy.mode().label(), st.copy == null ? null : redactor.redact(st.copy.reason()));
    }

    private static Map<String, Mismatch> byObject(Iterable<Mismatch> ms) {
        Map<String, Mismatch> m = new TreeMap<>();
        for (Mismatch x : ms) m.put(x.object(), x);
        return m;
    }

    private static List<String> names(List<Mismatch> ms) {
        return ms.stream().limit(LossMeasurement.NAME_SAMPLE).map(Mismatch::object).toList();
    }

    private static List<Mismatch> sample(List<Mismatch> ms) {
        return ms.stream().limit(LossMeasurement.NAME_SAMPLE).toList();
    }

    private List<Finding> redact(List<Finding> findings) {
        return findings.stream().map(f -> new Finding(f.severity(), f.code(), redactor.redact(f.message()), f.fix())).toList();
    }
}
