package io.drp.config;

import java.nio.file.Path;

/** Defaults for {@code drp drill}; every one of them can be overridden on the command line. */
public record DrillConfig(String scenario, int parallelism, Path reportDir, boolean fullVerify, Notify notification) {

    public DrillConfig(String scenario, int parallelism, Path reportDir, boolean fullVerify) {
        this(scenario, parallelism, reportDir, fullVerify, null);
    }

    /** Where to post the outcome ({@code drill.notify}), and for which verdicts. */
    public record Notify(Secret webhook, java.util.Set<io.drp.model.Verdict> on) {}
}
