package io.drp.watch;

import java.time.Instant;
import java.util.List;

/**
 * One change of the watch's state, as notified to webhooks: SUSPECTED (first failure), DECLARED (past the
 * tolerance), ESCALATED (the level rose), RECOVERED (every probe answers again). {@code incidentStart} is the
 * first failure; {@code level} is null until declared.
 */
public record Transition(Type type, Instant at, String incidentId, Instant incidentStart, double outageSeconds, Integer level,
                         String scenario, String levelDescription, List<String> failing) {

    public enum Type { SUSPECTED, DECLARED, ESCALATED, RECOVERED }

    public Transition {
        failing = List.copyOf(failing);
    }
}
