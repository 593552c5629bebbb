package io.drp.cli;

import picocli.CommandLine.Option;

/**
 * {@code -o/--output text|json} (the az and kubectl spelling), shared by every command that reports something;
 * {@code --format} is the same option under its first name and {@code --json} is kept for old scripts.
 */
public final class FormatOptions {

    public enum Format { TEXT, JSON }

    @Option(names = {"-o", "--format", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON document on stdout, shape documented in the README.")
    Format format;

    @Option(names = "--json", hidden = true, description = "Same as --output json.")
    boolean json;

    boolean json() {
        return json || format == Format.JSON;
    }
}
