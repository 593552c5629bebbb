package io.drp.config;

import java.time.Duration;
import java.util.Objects;

/** What one service promises in one disaster scenario. */
public record ScenarioObjectives(String scenario, Duration rto, Duration rpo, long maxLostObjects, int line) {

    public ScenarioObjectives {
        Objects.requireNonNull(scenario, "'scenario' cannot be null.");
        Objects.requireNonNull(rto, "'rto' cannot be null.");
        Objects.requireNonNull(rpo, "'rpo' cannot be null.");
        if (rto.isNegative() || rto.isZero() || rpo.isNegative() || rpo.isZero()) {
            throw new IllegalArgumentException("objectives must be positive durations");
        }
        if (maxLostObjects < 0) throw new IllegalArgumentException("maxLostObjects cannot be negative");
    }
}
