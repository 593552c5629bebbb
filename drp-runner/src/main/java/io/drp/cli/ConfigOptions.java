package io.drp.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command that reads drp.yaml shares; declared once, mixed in. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "drp.yaml",
            description = "Objectives and locations file (default: ${DEFAULT-VALUE}).")
    public Path config;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".drp",
            description = "Where drp keeps emulator data, manifest cache and drill state (default: ${DEFAULT-VALUE}).")
    public Path workDir;
}
