package io.drp.recovery;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Data lost by recovering to a point, of every kind: objects that existed in production at T0 and are not
 * recovered in that version ({@code objects}); objects production had deleted that the recovery brings back
 * ({@code revertedDeletions}); objects of the point that could not be restored because their backup copy is
 * corrupt or missing ({@code unrestorable}, also counted as mismatches). Objects modified after T0 cannot be
 * judged and are counted apart. {@code perService} sums the three kinds. Names are capped samples.
 */
record Loss(long objects, long bytes, List<String> sample, long writtenAfterDisaster, Map<String, Long> perService,
            String unknownBecause, long revertedDeletions, List<String> revertedSample, long unrestorable) {

    Loss(long objects, long bytes, List<String> sample, long writtenAfterDisaster, Map<String, Long> perService) {
        this(objects, bytes, sample, writtenAfterDisaster, perService, null, 0, List.of(), 0);
    }

    Loss {
        sample = List.copyOf(sample);
        perService = Map.copyOf(perService);
        revertedSample = List.copyOf(revertedSample);
    }

    /** Production could not be read: what was lost is unknown, which is not the same as nothing. */
    static Loss unknown(String why) {
        return new Loss(0, 0, List.of(), 0, Map.of(), why, 0, List.of(), 0);
    }

    boolean known() {
        return unknownBecause == null;
    }

    /** Adds the objects of the point that could not be restored: lost to whoever relies on the recovery. */
    Loss withUnrestorable(List<String> paths, java.util.function.Function<String, String> serviceOf) {
        Map<String, Long> per = new TreeMap<>(perService);
        paths.forEach(p -> per.merge(serviceOf.apply(p), 1L, Long::sum));
        return new Loss(objects, bytes, sample, writtenAfterDisaster, per, unknownBecause, revertedDeletions, revertedSample,
                unrestorable + paths.size());
    }

    /** Every kind, as the integrity objective counts it. */
    long total() {
        return objects + revertedDeletions + unrestorable;
    }
}
