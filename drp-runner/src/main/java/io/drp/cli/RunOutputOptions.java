package io.drp.cli;

import picocli.CommandLine.Option;

/**
 * How a run command ({@code drill}, {@code restore}, {@code backup}, {@code verify-ledger}) talks: {@code -o json}
 * makes stdout exactly one JSON document (the human lines move to stderr), {@code --quiet} keeps only errors and the
 * final line, {@code --verbose} adds each step's details. {@link DrpCommandBase} finds this mixin and routes the
 * streams, so a command only declares it.
 */
public final class RunOutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: stdout is one JSON document (verdict, ids, report path, figures, exit code); "
                    + "the human lines go to stderr.")
    FormatOptions.Format format;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final line (or document).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print more: each step's details after the summary.")
    boolean verbose;

    boolean json() {
        return format == FormatOptions.Format.JSON;
    }
}
