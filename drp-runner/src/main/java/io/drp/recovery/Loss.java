package io.drp.recovery;

import java.util.List;
import java.util.Map;

/**
 * Data lost by recovering to a point: objects that existed in production at T0 and are not recovered in
 * that version. Objects modified after T0 cannot be judged and are counted apart. Names are a capped sample.
 */
record Loss(long objects, long bytes, List<String> sample, long writtenAfterDisaster, Map<String, Long> perService,
            String unknownBecause) {

    Loss(long objects, long bytes, List<String> sample, long writtenAfterDisaster, Map<String, Long> perService) {
        this(objects, bytes, sample, writtenAfterDisaster, perService, null);
    }

    /** Production could not be read: what was lost is unknown, which is not the same as nothing. */
    static Loss unknown(String why) {
        return new Loss(0, 0, List.of(), 0, Map.of(), why);
    }

    boolean known() {
        return unknownBecause == null;
    }

    Loss {
        sample = List.copyOf(sample);
        perService = Map.copyOf(perService);
    }

    static Loss none() {
        return new Loss(0, 0, List.of(), 0, Map.of());
    }
}
