package io.drp.recovery;

import io.drp.backup.BackupCatalog;
import io.drp.backup.BackupError;
import io.drp.backup.IncompletePoints;
import io.drp.backup.PointTrust;
import io.drp.backup.RestorePlan;
import io.drp.model.Finding;
import io.drp.storage.ServiceClock;
import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 1: the newest restorable point at or before T0, falling back past broken points and naming them. */
final class PlanStep implements Step<RecoveryState> {

    private final RecoveryContext ctx;

    PlanStep(RecoveryContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "plan";
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        var t0 = st.request.pointAt();
        String exact = st.request.restore() == null ? null : st.request.restore().pointId();
        String label = st.request.restore() == null ? null : st.request.restore().label();
        PointTrust trust = PointTrust.of(ctx.config().backup().signing());
        BackupCatalog catalog = new BackupCatalog(ctx.backupContainer(), ctx.workDir().resolve("cache").resolve("manifests"), trust);
        List<String> problems = new ArrayList<>();
        String container = ctx.config().backup().container();
        var found = label != null ? catalog.planLabelled(label, problems)
                : exact != null ? planExact(catalog, exact, problems) : catalog.plan(t0, problems);
        RestorePlan plan = found.orElseThrow(() -> new BackupError(null, exact != null || label != null ? String.join("; ", problems) :
                "no restorable backup at or before " + t0 + " in container '" + container + "' of "
                        + ctx.backup().endpoint() + (problems.isEmpty() ? "; run 'drp backup' first" : ": " + String.join("; ", problems))));
        PointChecks.scope(plan.recoveryPoint(), ctx.config(), st.request.scope()); // before st.plan: nothing may act on it
        st.plan = plan;
        for (String p : plan.problems()) {
            st.findings.add(new Finding(Finding.Severity.BLOCKING, "BROKEN_BACKUP", p,
                    "Investigate the backup job and storage for this point; the run fell back to " + plan.recoveryPoint().pointId()
                            + ", which lengthens the real RPO."));
        }
        var rp = plan.recoveryPoint().header();
        for (var inc : IncompletePoints.newerThan(ctx.backupContainer(), catalog.lastListing(), rp.chainId(), rp.seq())) {
            st.findings.add(new Finding(Finding.Severity.WARNING, "INCOMPLETE_BACKUP_POINT", "point " + inc.pointId()
                    + " has data but no manifest: a backup that crashed or was interrupted" + (inc.startedAt() == null ? ""
                    : " (it started at " + inc.startedAt() + ")") + "; the run used " + plan.recoveryPoint().pointId(),
                    "Check the backup job's log for that run; the next backup skips the number and links to the last good point."));
        }
        if (!rp.recordsAttributes()) {
            st.findings.add(new Finding(Finding.Severity.WARNING, "ATTRIBUTES_NOT_BACKED_UP", "point " + plan.recoveryPoint().pointId()
                    + " was written as " + rp.format() + ", which recorded no content headers, metadata, index tags or tier: "
                    + "restored objects carry their bytes with default attributes",
                    "Take a new backup with this drp: its points record every attribute."));
        }
        List<String> fuzzy = plan.points().stream().filter(m -> "fuzzy".equals(m.trailer().consistency())).map(m -> m.pointId()).toList();
        if (!fuzzy.isEmpty()) {
            // not an error: the backup said so when it ran, but a drill's reader (an auditor) never saw that log
            st.findings.add(new Finding(Finding.Severity.INFO, "FUZZY_BACKUP_POINT", "point(s) " + String.join(", ", fuzzy)
                    + " copied each object as the copy reached it, with no consistent point: objects the applications changed"
                    + " during that backup's copy may come from different moments",
                    "For exact points keep backup.consistency: snapshot and grant the backup identity the right to create and"
                            + " delete snapshots, or turn on blob versioning and set backup.consistency: version."));
        }
        for (String p : plan.skipped()) {
            st.findings.add(new Finding(Finding.Severity.WARNING, "SKIPPED_BACKUP_POINT", p,
                    "The chain continued past this point, so the recovery point is unaffected; find out why it broke (a crash, or storage damage)."));
        }
        List<String> backedUp = plan.recoveryPoint().header().containers();
        for (String c : ctx.config().productionContainers()) {
            if (!backedUp.contains(c) && st.request.scope().includesContainer(c)) {
                st.findings.add(new Finding(Finding.Severity.BLOCKING, "CONTAINER_NOT_BACKED_UP",
                        "production container '" + c + "' is not in recovery point " + plan.recoveryPoint().pointId(),
                        "Run 'drp backup' with the current drp.yaml so that every declared container is backed up."));
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("recoveryPoint", plan.recoveryPoint().pointId());
        d.put("watermark", plan.recoveryPoint().header().watermark().toString());
        d.put("points", plan.points().size());
        d.put("incrementals", plan.points().size() - 1);
        d.put("rpoSeconds", Timeline.seconds(Duration.between(plan.recoveryPoint().header().watermark(), t0).toNanos()));
        d.put("problems", plan.problems().size());
        String consistency = plan.recoveryPoint().trailer().consistency();
        d.put("consistency", consistency == null ? "not recorded" : consistency);
        PointChecks.signing(plan, trust, st.findings, d);
        clockSkew(st).ifPresent(s -> d.put("clockSkewSeconds", Timeline.seconds(s.toNanos())));
        return d;
    }

    /** The runner's clock against the storage service's; over a second off, RPO and loss are off by as much. */
    private java.util.Optional<java.time.Duration> clockSkew(RecoveryState st) {
        java.time.Duration skew;
        boolean corrected = ctx.clock() instanceof ServiceClock sc && sc.corrected();
        try {
            // a clock already aligned on the service knows how far off the runner is; any other is measured here
            skew = ctx.clock() instanceof ServiceClock sc ? sc.skew() : ServiceClock.coarseSkew(ctx.clock(), ctx.backupContainer().getServiceClient());
        } catch (RuntimeException unavailable) {
            return java.util.Optional.empty(); // a credential without service-level reads: the skew is simply not known
        }
        if (skew == null) return java.util.Optional.empty();
        if (skew.abs().compareTo(ServiceClock.TOLERANCE) > 0) {
            st.findings.add(new Finding(Finding.Severity.WARNING, "CLOCK_SKEW", "this runner's clock is "
                    + Timeline.seconds(skew.toNanos()) + " s off the storage service's; " + (corrected
                    ? "drp used the service's time for T0, the RPO and the lost-object judgement, so they are not skewed"
                    : "RPO, T0 and the lost-object judgement are off by as much"),
                    "Synchronise the runner's clock (NTP) with the same time source as the backup host."));
        }
        return java.util.Optional.of(skew);
    }

    private static java.util.Optional<RestorePlan> planExact(BackupCatalog catalog, String pointId, List<String> problems) {
        int slash = pointId.lastIndexOf('/');
        return catalog.planPoint(pointId.substring(0, slash), Integer.parseInt(pointId.substring(slash + 1)), problems);
    }

    /** The containers of the recovery point in the run's scope, in the order manifests list them. */
    static List<String> containers(RecoveryState st) {
        return st.plan.recoveryPoint().header().containers().stream().filter(st.request.scope()::includesContainer).sorted().toList();
    }
}
