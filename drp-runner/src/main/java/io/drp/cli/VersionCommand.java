package io.drp.cli;

import picocli.CommandLine.Command;

/** {@code drp version}: what users of az, kubectl and Velero type; the same text as {@code drp --version}. */
@Command(name = "version", header = "Print drp's version, the commit it was built from, and the Java runtime it runs on.",
        exitCodeList = {"0:the version was printed"},
        footer = {"  drp version"})
public final class VersionCommand extends DrpCommandBase {

    @Override
    protected ExitCode execute() {
        for (String line : Version.lines()) {
            out().println(line);
        }
        return ExitCode.OK;
    }
}
