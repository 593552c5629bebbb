package io.drp.recovery;

import java.util.List;
import java.util.Map;

/**
 * Data lost by recovering to a point: objects that existed in production at T0 and are not recovered in
 * that version. Objects modified after T0 cannot be judged and are counted apart. Names are a capped sample.
 */
record Loss(long objects, long bytes, List<String> sample, long writtenAfterDisaster, Map<String, Long> perService) {

    Loss {
        sample = List.copyOf(sample);
        perService = Map.copyOf(perService);
    }

    static Loss none() {
        return new Loss(0, 0, List.of(), 0, Map.of());
    }
}
