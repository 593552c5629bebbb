package io.drp.recovery;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the user asked for on the command line; null means "not given", and {@link RequestResolver} decides.
 * {@code services}: the failed services a level-1 or level-2 drill is scoped to ({@code --service}); empty for all.
 */
public record DrillOptions(Instant disasterAt, String scenario, boolean keep, Path reportDir, Integer parallelism,
                           VerifyMode verify, String resumeId, List<String> services, CopyMode copyMode) {

    public DrillOptions {
        services = services == null ? List.of() : List.copyOf(services);
    }

    public DrillOptions(Instant disasterAt, String scenario, boolean keep, Path reportDir, Integer parallelism, VerifyMode verify,
                        String resumeId) {
        this(disasterAt, scenario, keep, reportDir, parallelism, verify, resumeId, List.of(), null);
    }

    public static DrillOptions defaults() {
        return new DrillOptions(null, null, false, null, null, null, null, null, null);
    }

    public DrillOptions at(Instant t0) {
        return new DrillOptions(t0, scenario, keep, reportDir, parallelism, verify, resumeId, services, copyMode);
    }
}
