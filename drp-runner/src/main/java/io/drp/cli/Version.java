package io.drp.cli;

import picocli.CommandLine;

/** drp's version, from the jar manifest when packaged; "dev" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"drp " + current(), "Java " + System.getProperty("java.version")};
    }
}
