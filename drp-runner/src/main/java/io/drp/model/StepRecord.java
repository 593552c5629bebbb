package io.drp.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One timed step of a drill. {@code details} is free-form but flat (numbers, strings, short lists),
 * so that every renderer can show it without knowing the step.
 */
public record StepRecord(
        String name,
        Instant startedAt,
        Instant finishedAt,
        double durationSeconds,
        StepStatus status,
        String message,
        Map<String, Object> details) {

    public StepRecord {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(status, "'status' cannot be null.");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
