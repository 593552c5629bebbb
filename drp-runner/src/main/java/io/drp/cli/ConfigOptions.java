package io.drp.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command that reads drp.yaml shares; declared once, mixed in. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "drp.yaml",
            description = "Objectives and locations file (default: $DRP_CONFIG, else drp.yaml).")
    public Path config;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".drp",
            description = "Where drp keeps emulator data, manifest cache and drill state (default: $DRP_WORK_DIR, else .drp).")
    public Path workDir;
}
