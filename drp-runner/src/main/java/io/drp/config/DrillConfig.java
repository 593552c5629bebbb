package io.drp.config;

import java.nio.file.Path;

/** Defaults for {@code drp drill}; every one of them can be overridden on the command line. */
public record DrillConfig(String scenario, int parallelism, Path reportDir, boolean fullVerify) {}
