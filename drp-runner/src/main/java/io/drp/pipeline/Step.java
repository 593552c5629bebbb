package io.drp.pipeline;

import java.util.Map;
import java.util.Optional;

/**
 * One step of a run over a shared, typed state. It returns the flat details its report line shows, and
 * throws to abort the run; the {@link StepRunner} owns timing and what happens to the steps after it.
 */
public interface Step<S> {

    String name();

    Map<String, Object> run(S state, Timeline timeline);

    /** A reason to skip this step for this run (e.g. no rebuild when restoring into production). */
    default Optional<String> skipReason(S state) {
        return Optional.empty();
    }
}
