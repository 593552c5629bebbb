package io.drp.cli;

import picocli.CommandLine;

/** drp's version, from the jar manifest when packaged; "dev" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        return io.drp.report.DrpVersion.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"drp " + current(), "Java " + System.getProperty("java.version")};
    }
}
