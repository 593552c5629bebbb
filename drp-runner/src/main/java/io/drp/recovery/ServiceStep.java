package io.drp.recovery;

import io.drp.config.IncidentLevel;
import io.drp.config.RecoveryPlan;
import io.drp.failure.AbortFailure;
import io.drp.model.Finding;
import io.drp.model.PlanRecord;
import io.drp.model.StepStatus;
import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;
import io.drp.plan.Approvals;
import io.drp.plan.PlanContext;
import io.drp.plan.PlanExecutor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * After the data is verified, the scenario's recovery plan brings the service back: its groups' actions run in
 * order, and the run's RTO ends when the last one passes. An action that fails is a FAILED run (a blocking finding
 * naming it); one that cannot start, or a stop, ABORTS the run. The built-in plan has no actions: the step is skipped
 * and the RTO ends at verification, as before plans existed.
 */
final class ServiceStep implements Step<RecoveryState> {

    private final RecoveryContext ctx;
    private final PlanExecutor executor;

    ServiceStep(RecoveryContext ctx, PlanExecutor executor) {
        this.ctx = ctx;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "service";
    }

    @Override
    public Optional<String> skipReason(RecoveryState st) {
        RecoveryPlan plan = ctx.config().planFor(st.request.scenario());
        return plan.dataOnly() ? Optional.of("no recovery plan names scenario " + st.request.scenario()
                + ": the built-in plan restores and verifies the data, and the RTO ends at verification") : Optional.empty();
    }

    /** Groups an earlier run of this id completed: --resume does not run their actions again. */
    private static Set<String> completed(java.nio.file.Path dir) {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        } catch (java.io.IOException | java.io.UncheckedIOException none) {
            return Set.of();
        }
    }

    /** One marker per completed group, written before the step can abort, so a stopped run resumes after them. */
    private static void remember(java.nio.file.Path dir, PlanRecord r) {
        try {
            java.nio.file.Files.createDirectories(dir);
            for (PlanRecord.GroupRecord g : r.groups()) {
                if (g.status() == StepStatus.SUCCEEDED) java.nio.file.Files.writeString(dir.resolve(g.name()), String.valueOf(g.finishedAt()));
            }
        } catch (java.io.IOException e) {
            // best effort: without markers a resume runs the groups' actions again, which is slower, not wrong
        }
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        RecoveryRequest req = st.request;
        RecoveryPlan plan = ctx.config().planFor(req.scenario());
        Map<String, String> containers = new LinkedHashMap<>();
        for (String c : PlanStep.containers(st)) containers.put(c, req.scope().target(c));
        PlanContext pc = new PlanContext(req.runId(), req.kind() == RunKind.DRILL, req.scenario(),
                IncidentLevel.ofScenario(req.scenario()).map(IncidentLevel::number).orElse(null),
                st.environment == null ? null : st.environment.account().endpoint(), containers,
                req.reportDir().resolve(req.runId() + "-actions"), Approvals.dir(ctx.workDir(), req.runId()), st.guard::stopReason);
        java.nio.file.Path done = ctx.workDir().resolve("drills").resolve(req.runId()).resolve("plan-groups-done");
        PlanRecord r = executor.run(plan, pc, req.resume() ? completed(done) : Set.of());
        st.planRecord = r;
        remember(done, r);
        PlanRecord.ActionRecord failed = r.groups().stream().flatMap(g -> g.actions().stream())
                .filter(a -> a.status() == StepStatus.FAILED || a.status() == StepStatus.ABORTED).findFirst().orElse(null);
        if (r.status() == StepStatus.ABORTED) {
            throw new AbortFailure("plan " + plan.name() + ": " + (failed == null ? "aborted" : failed.message()));
        }
        if (failed != null) {
            st.findings.add(new Finding(Finding.Severity.BLOCKING, "PLAN_ACTION_FAILED", "plan " + plan.name() + ", action " + failed.name()
                    + " (" + failed.kind() + "): " + failed.message(), failed.log() == null
                    ? "Check what the action checks, then rerun the drill." : "Read the action's log " + failed.log() + " beside the report."));
        }
        for (PlanRecord.GroupRecord g : r.groups()) {
            if (g.rtoSeconds() != null && g.finishedAt() != null && g.status() == StepStatus.SUCCEEDED
                    && Duration.between(req.disasterAt(), g.finishedAt()).toMillis() / 1000.0 > g.rtoSeconds()) {
                st.findings.add(new Finding(Finding.Severity.BLOCKING, "GROUP_RTO_MISSED", "group " + g.name() + " answered "
                        + Duration.between(req.disasterAt(), g.finishedAt()).toSeconds() + " s after the disaster, over its rto of "
                        + g.rtoSeconds().longValue() + " s", "Shorten the group's actions or revisit its rto."));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("plan", plan.name());
        details.put("groups", r.groups().size());
        if (r.serviceRestoredAt() != null) details.put("serviceRestoredAt", r.serviceRestoredAt().toString());
        return details;
    }
}
