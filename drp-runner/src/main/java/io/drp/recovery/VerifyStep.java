package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.listing.ContainerListing;
import io.drp.listing.ListedObject;
import io.drp.failure.DrpFailure;
import io.drp.model.Finding;
import io.drp.model.Mismatch;
import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;
import io.drp.storage.StorageAccount;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Step 5: merge-join the recovered containers against the recovery point (names, sizes and hashes, by the
 * {@link ContainerVerifier} the negative controls then test), stop the RTO clock, then measure what was lost against production. Loss is bookkeeping, so it is outside the RTO.
 */
final class VerifyStep implements Step<RecoveryState> {

    private final RecoveryContext ctx;
    private final ExecutorService pool;
    private final RestoreJournal journal;
    private final ContainerVerifier.Comparison comparison;

    VerifyStep(RecoveryContext ctx, ExecutorService pool, RestoreJournal journal, ContainerVerifier.Comparison comparison) {
        this.ctx = ctx;
        this.pool = pool;
        this.journal = journal;
        this.comparison = comparison;
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        ManifestFile point = st.plan.recoveryPoint();
        StorageAccount recovered = st.environment.account();
        BoundedTasks checks = new BoundedTasks(pool, st.request.parallelism() * 2, st.guard);
        Scope scope = st.request.scope();
        long total;
        try (Stream<ManifestEntry> all = point.entries()) {
            total = all.filter(e -> e.live() && scope.includes(e)).count(); // a local file: counting costs no request
        }
        boolean real = st.request.kind() == RunKind.RESTORE;
        ContainerVerifier v = new ContainerVerifier(recovered, comparison, checks,
                new ContainerVerifier.Mode(st.request.fullVerify(), real, want -> journal.etagOf(RestoreJournal.key(want.dataSeq(), want.path()))),
                (n, b) -> ctx.progress().update("verify", n, total, b));
        for (String container : PlanStep.containers(st)) {
            try (Stream<ManifestEntry> entries = point.entries().filter(e -> e.live() && e.container().equals(container) && scope.includes(e))) {
                v.verify(container, scope.target(container), entries.iterator());
            }
        }
        checks.awaitAll();
        ctx.progress().done("verify");
        // A corrupt backup copy was never committed, so it also shows up as missing: report each object once,
        // with the most specific reason.
        Map<String, Mismatch> byObject = v.byObject();
        for (Mismatch m : st.copyMismatches) byObject.put(m.object(), m);
        v.content.forEach(m -> v.wrong.add(m.object()));
        long restored = v.present.get() - v.wrong.size();
        st.verification = new RecoveryState.Verification(timeline.now(), v.expected.get(), restored, v.bytes.get(),
                byObject.values().stream().toList());
        // Loss is measured against production whenever production is still what it was: always in a drill, and in a
        // restore into the recovery account. A restore into production has just written the place loss is measured
        // against, so there it is "not measured", never a reassuring 0.
        Loss measured = intoProduction(st) ? Loss.unknown(INTO_PRODUCTION) : measureLoss(st, timeline);
        st.loss = measured.withUnrestorable(st.copyMismatches.stream().map(Mismatch::object).distinct().toList(), ctx::serviceOf);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", st.request.verify().description);
        d.put("objectsExpected", v.expected.get());
        d.put("objectsRestored", restored);
        d.put("mismatches", byObject.size());
        d.put("attributeMismatches", v.attributesBad.get());
        d.put("objectsLost", st.loss.objects());
        d.put("bytesLost", st.loss.bytes());
        d.put("revertedDeletions", st.loss.revertedDeletions());
        d.put("unrestorable", st.loss.unrestorable());
        if (real) d.put("untouchedObjects", v.untouched.get());
        return d;
    }

    static final String INTO_PRODUCTION = "the restore wrote into production, which loss is measured against; objects newer than the"
            + " point are still there unless --overwrite replaced them (restore.replaced lists those)";

    private static boolean intoProduction(RecoveryState st) {
        return st.request.restore() != null && st.request.restore().destination() == RestoreSpec.Destination.PRODUCTION;
    }

    private Loss measureLoss(RecoveryState st, Timeline timeline) {
        // a disaster declared "now" (within the run's first seconds) makes a deletion before T0 knowable
        boolean t0IsNow = !st.request.disasterAt().isBefore(timeline.start().minusSeconds(5));
        // a scoped restore is judged on its scope: what it was not asked to bring back is not lost by it
        Scope scope = st.request.kind() == RunKind.RESTORE ? st.request.scope() : Scope.ALL;
        List<String> containers = ctx.config().productionContainers().stream().filter(scope::includesContainer).toList();
        try (Stream<ManifestEntry> entries = st.plan.recoveryPoint().entries().filter(e -> e.live() && scope.includes(e));
             Stream<ListedObject> prod = ContainerListing.of(ctx.production(), containers, false, true)
                     .filter(o -> o.name().startsWith(scope.prefix()))) {
            return LossMeasurement.measure(entries.iterator(), prod.iterator(), st.request.disasterAt(), ctx::serviceOf, t0IsNow);
        } catch (DrpFailure f) {
            throw f;
        } catch (RuntimeException e) {
            // In a real region loss production cannot be listed. The data is already verified; say the loss is unknown.
            String why = "production unreachable (" + StepFailure.describe(e) + ")";
            st.findings.add(new Finding(Finding.Severity.WARNING, "LOSS_UNKNOWN", "data loss could not be measured: " + why,
                    "Measure it once production answers again: run the drill again with --disaster-at set to this drill's T0."));
            return Loss.unknown(why);
        }
    }
}
