package io.drp.drill;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One drill invocation. {@code disasterAt} null means "now": the disaster is declared when the drill starts.
 */
public record DrillRequest(
        String drillId,
        Instant disasterAt,
        String scenario,
        boolean keep,
        Path reportDir,
        int parallelism,
        boolean fullVerify,
        boolean resume) {

    public DrillRequest {
        Objects.requireNonNull(drillId, "'drillId' cannot be null.");
        Objects.requireNonNull(scenario, "'scenario' cannot be null.");
        Objects.requireNonNull(reportDir, "'reportDir' cannot be null.");
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    }
}
