package io.drp.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Points in time for one run: anchored once on the injected wall clock, then advanced by a monotonic
 * ticker, so step durations and the RTO cannot jump when the wall clock is adjusted mid-run.
 */
public final class Timeline {

    private final Instant start;
    private final long startNanos;
    private final LongSupplier ticker;

    public Timeline(Clock clock, LongSupplier ticker) {
        this.ticker = ticker;
        this.start = clock.instant();
        this.startNanos = ticker.getAsLong();
    }

    public static Timeline system(Clock clock) {
        return new Timeline(clock, System::nanoTime);
    }

    public Instant start() {
        return start;
    }

    public Instant now() {
        return start.plusNanos(ticker.getAsLong() - startNanos);
    }

    public long nanos() {
        return ticker.getAsLong();
    }

    /** Milliseconds-rounded seconds, the precision reports carry. */
    public static double seconds(long nanos) {
        return Math.round(nanos / 1_000_000.0) / 1000.0;
    }
}
