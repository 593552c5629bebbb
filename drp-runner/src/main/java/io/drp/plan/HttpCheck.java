package io.drp.plan;

import io.drp.config.PlanAction;
import io.drp.model.StepStatus;
import io.drp.watch.HttpProbe;
import io.drp.watch.Probe;
import io.drp.watch.ProbeResult;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * An {@code http} action: {@code drp watch}'s probe, polled every {@code every} until it passes or the timeout on
 * the run's clock runs out. Every attempt that did not pass is recorded with its answer. A URL whose host does not
 * resolve cannot be checked at all: that is ABORTED, not a service that failed to answer.
 */
final class HttpCheck {

    /** Kept in the report per action; a long outage polled every second would otherwise swell it. */
    static final int MAX_RECORDED = 50;
    /** Each request's own timeout: never more than the time left, never more than this. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final Pacer pacer;
    private final BiFunction<URI, HttpProbe.Expectation, Probe> probes;

    HttpCheck(Clock clock, Pacer pacer) {
        this(clock, pacer, (url, expect) -> new HttpProbe("plan", url, REQUEST_TIMEOUT, expect));
    }

    HttpCheck(Clock clock, Pacer pacer, BiFunction<URI, HttpProbe.Expectation, Probe> probes) {
        this.clock = clock;
        this.pacer = pacer;
        this.probes = probes;
    }

    Outcome run(PlanAction a, PlanContext ctx) throws InterruptedException {
        URI url;
        try {
            url = URI.create(ctx.expand(a.url()));
            if (url.getHost() == null) throw new IllegalArgumentException("no host in " + HttpProbe.printable(url));
        } catch (IllegalArgumentException e) {
            return Outcome.of(StepStatus.ABORTED, "cannot check " + a.name() + ": " + e.getMessage(), 0, List.of());
        }
        try {
            InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return Outcome.of(StepStatus.ABORTED, "cannot check " + a.name() + ": host " + url.getHost() + " does not resolve", 0, List.of());
        }
        Probe probe = probes.apply(url, new HttpProbe.Expectation(a.status(), a.bodyContains(), a.jsonPointer(), a.expected()));
        Instant deadline = clock.instant().plus(a.timeout());
        List<String> attempts = new ArrayList<>();
        int tries = 0;
        String last;
        while (true) {
            String stop = ctx.stopReason().get();
            if (stop != null) return Outcome.of(StepStatus.ABORTED, a.name() + " was stopped: " + stop, tries, attempts);
            tries++;
            ProbeResult r = probe.probe();
            last = r.detail();
            if (r.ok()) {
                return Outcome.of(StepStatus.SUCCEEDED, last + (tries == 1 ? "" : " on attempt " + tries), tries, attempts);
            }
            if (attempts.size() < MAX_RECORDED) attempts.add("attempt " + tries + " at " + clock.instant() + ": " + last);
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) break;
            pacer.pause(a.every().compareTo(left) < 0 ? a.every() : left);
        }
        return Outcome.of(StepStatus.FAILED, a.name() + " did not pass within " + io.drp.config.Durations.format(a.timeout()) + " ("
                + tries + " attempts), last: " + last, tries, attempts);
    }
}
