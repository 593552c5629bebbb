package io.drp.recovery;

import java.nio.file.Path;
import java.time.Instant;

/** What the user asked for on the command line; null means "not given", and {@link RequestResolver} decides. */
public record DrillOptions(Instant disasterAt, String scenario, boolean keep, Path reportDir, Integer parallelism,
                           VerifyMode verify, String resumeId, CopyMode copyMode) {

    public DrillOptions(Instant disasterAt, String scenario, boolean keep, Path reportDir, Integer parallelism, VerifyMode verify,
                        String resumeId) {
        this(disasterAt, scenario, keep, reportDir, parallelism, verify, resumeId, null);
    }

    public static DrillOptions defaults() {
        return new DrillOptions(null, null, false, null, null, null, null, null);
    }

    public DrillOptions at(Instant t0) {
        return new DrillOptions(t0, scenario, keep, reportDir, parallelism, verify, resumeId, copyMode);
    }
}
