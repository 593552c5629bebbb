package io.drp.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, shared by every command that reports something; {@code --json} is kept for old scripts. */
public final class FormatOptions {

    public enum Format { TEXT, JSON }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON document on stdout, shape documented in the README.")
    Format format;

    @Option(names = "--json", hidden = true, description = "Same as --format json.")
    boolean json;

    boolean json() {
        return json || format == Format.JSON;
    }
}
