package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.listing.ContainerListing;
import io.drp.listing.ListedObject;
import io.drp.listing.MergeJoin;
import io.drp.listing.ObjectKey;
import io.drp.failure.DrpFailure;
import io.drp.model.Finding;
import io.drp.model.Mismatch;
import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;
import io.drp.storage.StorageAccount;
import io.drp.storage.VerifiedCopier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Step 5: merge-join the recovered containers against the recovery point (names, sizes and hashes), stop
 * the RTO clock, then measure what was lost against production. Loss is bookkeeping, so it is outside the RTO.
 */
final class VerifyStep implements Step<RecoveryState> {

    private final RecoveryContext ctx;
    private final ExecutorService pool;
    private final RestoreJournal journal;

    VerifyStep(RecoveryContext ctx, ExecutorService pool, RestoreJournal journal) {
        this.ctx = ctx;
        this.pool = pool;
        this.journal = journal;
    }

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        ManifestFile point = st.plan.recoveryPoint();
        StorageAccount recovered = st.environment.account();
        boolean full = st.request.fullVerify();
        BoundedTasks checks = new BoundedTasks(pool, st.request.parallelism() * 2, st.guard);
        Queue<Mismatch> content = new ConcurrentLinkedQueue<>();
        Map<String, Mismatch> structural = new TreeMap<>();
        AtomicLong expected = new AtomicLong(), present = new AtomicLong(), bytes = new AtomicLong();
        // present objects not restored exactly, once each even when wrong in bytes and in attributes
        java.util.Set<String> wrong = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicLong attributesBad = new AtomicLong(); // counted into the report's details
        Scope scope = st.request.scope();
        long total;
        try (Stream<ManifestEntry> all = point.entries()) {
            total = all.filter(e -> e.live() && scope.includes(e)).count(); // a local file: counting costs no request
        }
        boolean real = st.request.kind() == RunKind.RESTORE;
        AtomicLong untouched = new AtomicLong();
        // One join per container: a rename can change how target containers sort, never how names sort within one.
        for (String container : PlanStep.containers(st)) {
            try (Stream<ManifestEntry> entries = point.entries().filter(e -> e.live() && e.container().equals(container) && scope.includes(e));
                 Stream<ListedObject> listing = ContainerListing.of(recovered, List.of(scope.target(container)), true, false)) {
                MergeJoin.join(entries.iterator(), ManifestEntry::key, listing.iterator(), o -> new ObjectKey(container, o.name()),
                        new MergeJoin.Visitor<ManifestEntry, ListedObject>() {
                            @Override
                            public void onlyLeft(ManifestEntry want) {
                                expected.incrementAndGet();
                                structural.put(want.path(), new Mismatch(want.path(), "missing after restore"));
                            }

                            @Override
                            public void onlyRight(ListedObject extra) {
                                // a real recovery leaves objects outside the point alone; a drill's target must hold nothing else
                                if (real) {
                                    untouched.incrementAndGet();
                                } else {
                                    structural.put(extra.path(), new Mismatch(extra.path(), "present after restore but not in the recovery point"));
                                }
                            }

                            @Override
                            public void both(ManifestEntry want, ListedObject got) {
                                expected.incrementAndGet();
                                ctx.progress().update("verify", present.incrementAndGet(), total, bytes.addAndGet(got.size()));
                                if (full) {
                                    checks.submit(() -> {
                                        var h = VerifiedCopier.hash(recovered.container(got.container()).getBlobClient(got.name()));
                                        if (h.size() != want.size() || !h.sha256().equals(want.sha256())) {
                                            content.add(new Mismatch(want.path(), "restored content differs from the manifest (size "
                                                    + h.size() + " vs " + want.size() + ")"));
                                        }
                                    });
                                } else if (got.size() != want.size()
                                        || !got.etag().equals(journal.etagOf(RestoreJournal.key(want.dataSeq(), want.path())))) {
                                    // metadata mode trusts the hash checked at restore, for the object drp committed then
                                    wrong.add(want.path());
                                    structural.put(want.path(), new Mismatch(want.path(),
                                            "restored object's size differs from the manifest, or it is not the object drp committed"));
                                }
                                List<String> diff = want.attributes() == null || got.attributes() == null ? List.of()
                                        : want.attributes().differences(got.attributes());
                                if (!diff.isEmpty()) {
                                    attributesBad.incrementAndGet();
                                    content.add(new Mismatch(want.path(), "restored attributes differ: " + String.join(", ", diff)));
                                }
                            }
                        });
            }
        }
        checks.awaitAll();
        ctx.progress().done("verify");
        // A corrupt backup copy was never committed, so it also shows up as missing: report each object once,
        // with the most specific reason.
        Map<String, Mismatch> byObject = new TreeMap<>(structural);
        for (Mismatch m : content) byObject.put(m.object(), m);
        for (Mismatch m : st.copyMismatches) byObject.put(m.object(), m);
        content.forEach(m -> wrong.add(m.object()));
        long restored = present.get() - wrong.size();
        st.verification = new RecoveryState.Verification(timeline.now(), expected.get(), restored, bytes.get(),
                byObject.values().stream().toList());
        // Loss is measured against production whenever production is still what it was: always in a drill, and in a
        // restore into the recovery account. A restore into production has just written the place loss is measured
        // against, so there it is "not measured", never a reassuring 0.
        Loss measured = intoProduction(st) ? Loss.unknown(INTO_PRODUCTION) : measureLoss(st, timeline);
        st.loss = measured.withUnrestorable(st.copyMismatches.stream().map(Mismatch::object).distinct().toList(), ctx::serviceOf);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", st.request.verify().description);
        d.put("objectsExpected", expected.get());
        d.put("objectsRestored", restored);
        d.put("mismatches", byObject.size());
        d.put("attributeMismatches", attributesBad.get());
        d.put("objectsLost", st.loss.objects());
        d.put("bytesLost", st.loss.bytes());
        d.put("revertedDeletions", st.loss.revertedDeletions());
        d.put("unrestorable", st.loss.unrestorable());
        if (real) d.put("untouchedObjects", untouched.get());
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
