package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.listing.ContainerListing;
import io.drp.listing.ListedObject;
import io.drp.listing.MergeJoin;
import io.drp.listing.ObjectKey;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which objects of the target a real recovery will replace: same name as an object of the point in scope, and not
 * what this very run already committed before it was interrupted (the journal knows those, with the ETag each commit
 * produced). Found before any copy, so the report can say exactly what was overwritten even if the run aborts. A
 * resumed run is counted exactly as a fresh one: on a fresh run the journal is empty.
 */
final class Overwrites {

    /**
     * @param replaced what the run would replace
     * @param foreign  objects in the target this run did not write (replaced ones included): what a fresh run without
     *                 --overwrite refuses
     * @param example  one of them, to name in a refusal; null when there is none
     */
    record Found(RecoveryState.Replaced replaced, long foreign, String example) {}

    private Overwrites() {}

    static Found find(RecoveryState st, RestoreJournal journal) {
        Scope scope = st.request.scope();
        long[] count = {0, 0};
        List<String> sample = new ArrayList<>();
        String[] example = {null};
        for (String container : PlanStep.containers(st)) {
            String target = scope.target(container);
            try (Stream<ManifestEntry> entries = st.plan.recoveryPoint().entries()
                    .filter(e -> e.live() && e.container().equals(container) && scope.includes(e));
                 Stream<ListedObject> existing = ContainerListing.of(st.environment.account(), List.of(target), false, true)) {
                MergeJoin.join(entries.iterator(), ManifestEntry::key, existing.iterator(), o -> new ObjectKey(container, o.name()),
                        new MergeJoin.Visitor<ManifestEntry, ListedObject>() {
                            public void onlyLeft(ManifestEntry e) { }

                            public void onlyRight(ListedObject o) {
                                foreign(o);
                            }

                            public void both(ManifestEntry e, ListedObject o) {
                                String committed = journal.etagOf(RestoreJournal.key(e.dataSeq(), e.path()));
                                if (committed != null && committed.equals(o.etag())) return; // this run's own copy
                                foreign(o);
                                count[0]++;
                                if (sample.size() < LossMeasurement.NAME_SAMPLE) sample.add(o.path());
                            }

                            private void foreign(ListedObject o) {
                                count[1]++;
                                if (example[0] == null) example[0] = o.path();
                            }
                        });
            }
        }
        return new Found(new RecoveryState.Replaced(count[0], sample), count[1], example[0]);
    }
}
