package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.listing.ListedObject;
import io.drp.listing.MergeJoin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Measures loss by merge-joining the recovery point's live entries with production's listing. Pure: it
 * reads two iterators and touches no storage, so every rule is unit-tested.
 */
final class LossMeasurement {

    /** Caps the object names listed in a report; the counts are always exact. */
    static final int NAME_SAMPLE = 50;

    private LossMeasurement() {}

    /**
     * @param point      the recovery point's live entries, in key order
     * @param production production's current objects, in key order
     * @param serviceOf  the service a "container/name" path belongs to
     */
    static Loss measure(Iterator<ManifestEntry> point, Iterator<ListedObject> production, Instant t0,
                        Function<String, String> serviceOf) {
        return measure(point, production, t0, serviceOf, false);
    }

    /**
     * @param deletionsJudgeable true when T0 is the run's start: an object in the point that production no longer
     *                           has was then deleted before T0, and restoring it reverts that deletion. For a
     *                           disaster declared in the past the listing cannot say when it was deleted.
     */
    static Loss measure(Iterator<ManifestEntry> point, Iterator<ListedObject> production, Instant t0,
                        Function<String, String> serviceOf, boolean deletionsJudgeable) {
        long[] counts = new long[4]; // lost, lost bytes, written after T0, reverted deletions
        List<String> sample = new ArrayList<>();
        List<String> reverted = new ArrayList<>();
        Map<String, Long> perService = new TreeMap<>();
        MergeJoin.join(point, ManifestEntry::key, production, ListedObject::key, new MergeJoin.Visitor<ManifestEntry, ListedObject>() {
            @Override
            public void onlyLeft(ManifestEntry recovered) {
                if (!deletionsJudgeable) return;
                counts[3]++;
                if (reverted.size() < NAME_SAMPLE) reverted.add(recovered.path());
                perService.merge(serviceOf.apply(recovered.path()), 1L, Long::sum);
            }

            @Override
            public void onlyRight(ListedObject p) {
                judge(p, false);
            }

            @Override
            public void both(ManifestEntry recovered, ListedObject p) {
                judge(p, Objects.equals(recovered.etag(), p.etag()));
            }

            private void judge(ListedObject p, boolean sameVersion) {
                if (sameVersion) return;
                if (p.lastModified() != null && p.lastModified().isAfter(t0)) {
                    counts[2]++;
                    return;
                }
                counts[0]++;
                counts[1] += p.size();
                if (sample.size() < NAME_SAMPLE) sample.add(p.path());
                perService.merge(serviceOf.apply(p.path()), 1L, Long::sum);
            }
        });
        return new Loss(counts[0], counts[1], sample, counts[2], perService, null, counts[3], reverted, 0);
    }
}
