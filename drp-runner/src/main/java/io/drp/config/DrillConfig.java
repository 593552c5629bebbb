package io.drp.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Defaults for {@code drp drill}; every one of them can be overridden on the command line. {@code maxAge} is how
 * old the last drill may be before {@code drp status} says recovery is unproven (default a week: the weekly
 * drill the README recommends, so one missed run alerts).
 */
public record DrillConfig(String scenario, int parallelism, Path reportDir, boolean fullVerify, Notify notification, Duration maxAge) {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    public DrillConfig(String scenario, int parallelism, Path reportDir, boolean fullVerify) {
        this(scenario, parallelism, reportDir, fullVerify, null, DEFAULT_MAX_AGE);
    }

    public DrillConfig {
        maxAge = maxAge == null ? DEFAULT_MAX_AGE : maxAge;
    }

    /** Where to post the outcome ({@code drill.notify}), and for which verdicts. */
    public record Notify(Webhook hook, java.util.Set<io.drp.model.Verdict> on) {
        /** The URL's secret, for messages and tests. */
        public Secret webhook() {
            return hook.url();
        }
    }
}
