package io.drp.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so "later" needs no sleep. Thread-safe; never goes backwards on its own. */
public final class SteppableClock extends Clock {

    private volatile Instant now;

    public SteppableClock(Instant start) {
        this.now = start;
    }

    /** Starts at the real current time, so what the clock stamps still sorts with what the emulator stamps. */
    public static SteppableClock startingNow() {
        return new SteppableClock(Instant.now());
    }

    public synchronized Instant step(Duration d) {
        now = now.plus(d);
        return now;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
