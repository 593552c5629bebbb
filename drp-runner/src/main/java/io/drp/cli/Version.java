package io.drp.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * drp's version (from the jar manifest when packaged, "0.1.0-dev" when run from classes) and the git commit it was
 * built from. The build writes the commit into build.properties beside this class; a build outside a git checkout
 * writes "unknown" rather than failing, and so does a missing file, so a user always gets an answer.
 */
public final class Version implements CommandLine.IVersionProvider {

    static final String UNKNOWN = "unknown";

    public static String current() {
        return io.drp.report.DrpVersion.current();
    }

    /** The commit the running build came from, or "unknown". */
    public static String commit() {
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in == null) return UNKNOWN;
            Properties p = new Properties();
            p.load(in);
            String c = p.getProperty("commit", "").strip();
            return c.isEmpty() ? UNKNOWN : c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What both {@code drp version} and {@code drp --version} print. */
    static String[] lines() {
        return new String[] {"drp " + current(), "commit " + commit(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"};
    }

    @Override
    public String[] getVersion() {
        return lines();
    }
}
