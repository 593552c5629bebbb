package io.drp.recovery.rebuild;

import java.time.Duration;

/**
 * Objects a previous drill left in the recovery containers (after {@code --keep}) and what clearing them took.
 * Clearing is drill housekeeping, not recovery: a real disaster starts from empty containers, so the RTO
 * leaves this time out and the report shows it on its own.
 */
public record Leftovers(long objects, long requests, Duration took) {

    public static final Leftovers NONE = new Leftovers(0, 0, Duration.ZERO);
}
