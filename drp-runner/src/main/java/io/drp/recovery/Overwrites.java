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
 * Which objects of the target a real recovery will replace: same name as an object of the point in scope.
 * Found before any copy, so the report can say exactly what was overwritten even if the run aborts.
 */
final class Overwrites {

    private Overwrites() {}

    static RecoveryState.Replaced find(RecoveryState st) {
        Scope scope = st.request.scope();
        long[] count = {0};
        List<String> sample = new ArrayList<>();
        for (String container : PlanStep.containers(st)) {
            String target = scope.target(container);
            try (Stream<ManifestEntry> entries = st.plan.recoveryPoint().entries()
                    .filter(e -> e.live() && e.container().equals(container) && scope.includes(e));
                 Stream<ListedObject> existing = ContainerListing.of(st.environment.account(), List.of(target), false, true)) {
                MergeJoin.join(entries.iterator(), ManifestEntry::key, existing.iterator(), o -> new ObjectKey(container, o.name()),
                        new MergeJoin.Visitor<ManifestEntry, ListedObject>() {
                            public void onlyLeft(ManifestEntry e) { }

                            public void onlyRight(ListedObject o) { }

                            public void both(ManifestEntry e, ListedObject o) {
                                count[0]++;
                                if (sample.size() < LossMeasurement.NAME_SAMPLE) sample.add(o.path());
                            }
                        });
            }
        }
        return new RecoveryState.Replaced(count[0], sample);
    }
}
