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

    VerifyStep(RecoveryContext ctx, ExecutorService pool) {
        this.ctx = ctx;
        this.pool = pool;
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
        AtomicLong expected = new AtomicLong(), present = new AtomicLong(), bytes = new AtomicLong(), metadataBad = new AtomicLong();
        Scope scope = st.request.scope();
        boolean real = st.request.kind() == RunKind.RESTORE;
        AtomicLong untouched = new AtomicLong();
        // One join per container: a rename can change how target containers sort, never how names sort within one.
        for (String container : PlanStep.containers(st)) {
            try (Stream<ManifestEntry> entries = point.entries().filter(e -> e.live() && e.container().equals(container) && scope.includes(e));
                 Stream<ListedObject> listing = ContainerListing.of(recovered, List.of(scope.target(container)), !full, false)) {
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
                                present.incrementAndGet();
                                bytes.addAndGet(got.size());
                                if (full) {
                                    checks.submit(() -> {
                                        var h = VerifiedCopier.hash(recovered.container(got.container()).getBlobClient(got.name()));
                                        if (h.size() != want.size() || !h.sha256().equals(want.sha256())) {
                                            content.add(new Mismatch(want.path(), "restored content differs from the manifest (size "
                                                    + h.size() + " vs " + want.size() + ")"));
                                        }
                                    });
                                } else if (got.size() != want.size() || !want.sha256().equals(got.metadata().get(ObjectRestorer.SHA_METADATA))) {
                                    metadataBad.incrementAndGet();
                                    structural.put(want.path(), new Mismatch(want.path(), "restored object's recorded hash or size differs from the manifest"));
                                }
                            }
                        });
            }
        }
        checks.awaitAll();
        // A corrupt backup copy was never committed, so it also shows up as missing: report each object once,
        // with the most specific reason.
        Map<String, Mismatch> byObject = new TreeMap<>(structural);
        for (Mismatch m : content) byObject.put(m.object(), m);
        for (Mismatch m : st.copyMismatches) byObject.put(m.object(), m);
        long restored = present.get() - content.size() - metadataBad.get();
        st.verification = new RecoveryState.Verification(timeline.now(), expected.get(), restored, bytes.get(),
                byObject.values().stream().toList());
        // Loss against production is what a drill measures; after a real recovery production may be the target itself.
        st.loss = real ? Loss.none() : measureLoss(st);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", st.request.verify().description);
        d.put("objectsExpected", expected.get());
        d.put("objectsRestored", restored);
        d.put("mismatches", byObject.size());
        d.put("objectsLost", st.loss.objects());
        d.put("bytesLost", st.loss.bytes());
        if (real) d.put("untouchedObjects", untouched.get());
        return d;
    }

    private Loss measureLoss(RecoveryState st) {
        try (Stream<ManifestEntry> entries = st.plan.recoveryPoint().entries().filter(ManifestEntry::live);
             Stream<ListedObject> prod = ContainerListing.of(ctx.production(), ctx.config().productionContainers(), false, true)) {
            return LossMeasurement.measure(entries.iterator(), prod.iterator(), st.request.disasterAt(), ctx::serviceOf);
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
