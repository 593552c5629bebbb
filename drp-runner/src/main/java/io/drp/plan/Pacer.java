package io.drp.plan;

import java.time.Duration;

/** How a plan waits between polls and for a {@code wait} action; tests step a clock instead of sleeping. */
@FunctionalInterface
public interface Pacer {

    void pause(Duration d) throws InterruptedException;

    static Pacer sleeping() {
        return d -> Thread.sleep(Math.max(0, d.toMillis()));
    }
}
