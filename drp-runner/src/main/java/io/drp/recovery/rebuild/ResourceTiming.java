package io.drp.recovery.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One resource operation of a Pulumi update, timed from its pre-event to its outputs (or failure) event as
 * drp received them. {@code message} is the provider's error for a failed operation, null otherwise.
 */
public record ResourceTiming(String type, String name, String op, Instant start, Instant end, boolean failed, String message) {

    public double seconds() {
        return end == null ? 0 : Duration.between(start, end).toMillis() / 1000.0;
    }

    /** One line for the flat {@code details} map of the rebuild step; deterministic, so reports diff cleanly. */
    public String line() {
        String s = String.format(Locale.ROOT, "%s %s %s %s %s %.3fs", op, type, name, start, end, seconds());
        return failed ? s + " FAILED: " + message : s;
    }
}
