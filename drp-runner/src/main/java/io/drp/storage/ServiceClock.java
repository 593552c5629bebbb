package io.drp.storage;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobServiceClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The storage service's time, read on the runner's clock. Watermarks, T0 and the loss judgement compare the
 * runner's instants with Last-Modified stamped by the service; when the two clocks disagree by more than a
 * second, drp takes the service's time for everything, so that a runner whose clock is off neither shifts the
 * RPO nor counts an object written just before T0 as written after it.
 */
public final class ServiceClock extends Clock {

    /** Below this the disagreement is within what the Date header (whole seconds) can measure: nothing is corrected. */
    public static final Duration TOLERANCE = Duration.ofSeconds(1);
    /** How long the measurement may wait for the service's second to tick over. */
    private static final Duration REFINE_FOR = Duration.ofMillis(1500);

    private final Clock runner;
    private final Duration skew;
    private final Duration applied;

    private ServiceClock(Clock runner, Duration skew, Duration applied) {
        this.runner = runner;
        this.skew = skew;
        this.applied = applied;
    }

    /**
     * Measures the runner's clock against the service's and returns a clock on the service's time. When the
     * service cannot be asked (a credential without service-level reads), the runner's clock is kept as it is.
     */
    public static ServiceClock align(Clock runner, BlobServiceClient service) {
        Duration coarse;
        try {
            coarse = sample(runner, service).skew();
        } catch (RuntimeException unavailable) {
            return new ServiceClock(runner, null, Duration.ZERO);
        }
        if (coarse.abs().compareTo(TOLERANCE) <= 0) return new ServiceClock(runner, coarse, Duration.ZERO);
        Duration precise = refine(runner, service, coarse);
        return new ServiceClock(runner, precise, precise);
    }

    /** Runner time minus service time from one Date header, good to about ±0.5 s; corrects nothing. */
    public static Duration coarseSkew(Clock runner, BlobServiceClient service) {
        return sample(runner, service).skew();
    }

    /** Runner time minus service time, or null when it could not be measured. */
    public Duration skew() {
        return skew;
    }

    /** True when this clock reads the service's time rather than the runner's. */
    public boolean corrected() {
        return !applied.isZero();
    }

    @Override
    public Instant instant() {
        return runner.instant().minus(applied);
    }

    @Override
    public ZoneId getZone() {
        return runner.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ServiceClock(runner.withZone(zone), skew, applied);
    }

    private record Sample(Instant service, Instant before, Instant after) {
        Instant local() {
            return before.plus(Duration.between(before, after).dividedBy(2));
        }

        /** The Date header has whole seconds: the service's instant is taken as the middle of its second. */
        Duration skew() {
            return Duration.between(service.plusMillis(500), local());
        }
    }

    private static Sample sample(Clock runner, BlobServiceClient service) {
        Instant before = runner.instant();
        String date = service.getPropertiesWithResponse(null, Context.NONE).getHeaders().getValue(HttpHeaderName.DATE);
        Instant after = runner.instant();
        return new Sample(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), before, after);
    }

    /**
     * The moment the service's Date ticks to the next second is known to the length of one request: asking until
     * it does turns the ±0.5 s of one Date header into a few milliseconds, which is what a corrected RPO needs.
     */
    private static Duration refine(Clock runner, BlobServiceClient service, Duration coarse) {
        long deadline = System.nanoTime() + REFINE_FOR.toNanos();
        try {
            Sample previous = sample(runner, service);
            while (System.nanoTime() < deadline) {
                Sample s = sample(runner, service);
                if (!s.service().equals(previous.service())) {
                    // the tick fell between the two requests: take the middle of them as the local time of s.service()
                    Instant tick = previous.local().plus(Duration.between(previous.local(), s.local()).dividedBy(2));
                    return Duration.between(s.service(), tick);
                }
                previous = s;
                Thread.sleep(5); // a few hundred requests at most; this runs once per job
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the coarse measurement stands
        }
        return coarse;
    }
}
