package io.drp.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as people read them in a report: to the second, in UTC. The JSON report keeps the full precision. */
public final class DisplayTime {

    private DisplayTime() {}

    public static String of(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
