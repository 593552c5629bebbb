package io.drp.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code watch:}: the automatic trigger. Probes run every {@code interval}; an outage longer than
 * {@code tolerance} (the SLA's 10 minutes by default) is an incident. {@code response} is what drp does about it;
 * anything but NOTIFY also needs {@code --auto} on the command line, and a restore into production additionally
 * {@code restoreTarget: production} here and {@code --allow-production} there: two people's decisions, in two places.
 */
public record WatchConfig(Duration interval, Duration tolerance, Response response, RestoreTarget restoreTarget,
                          boolean infrastructure, List<HttpProbe> functional, Duration timeout, List<Webhook> webhooks) {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public enum Response { NOTIFY, RESTORE, DRILL }

    public enum RestoreTarget { RECOVERY, PRODUCTION }

    /**
     * A functional probe: {@code url} must answer 2xx within the watch's timeout. {@code service} (optional) is the
     * drp.yaml service it checks, so a level-1 or level-2 response restores that service only.
     */
    public record HttpProbe(String name, URI url, String service) {
        public HttpProbe {
            Objects.requireNonNull(name, "'name' cannot be null.");
            Objects.requireNonNull(url, "'url' cannot be null.");
        }
    }

    public WatchConfig {
        Objects.requireNonNull(interval, "'interval' cannot be null.");
        Objects.requireNonNull(tolerance, "'tolerance' cannot be null.");
        Objects.requireNonNull(response, "'response' cannot be null.");
        Objects.requireNonNull(restoreTarget, "'restoreTarget' cannot be null.");
        functional = List.copyOf(functional);
        webhooks = List.copyOf(webhooks);
        if (!infrastructure && functional.isEmpty()) throw new IllegalArgumentException("a watch needs at least one probe");
    }

    /** What a drp.yaml without {@code watch:} gets: the infrastructure probe, notify only. */
    public static WatchConfig defaults() {
        return new WatchConfig(DEFAULT_INTERVAL, DEFAULT_TOLERANCE, Response.NOTIFY, RestoreTarget.RECOVERY, true, List.of(),
                DEFAULT_TIMEOUT, List.of());
    }
}
