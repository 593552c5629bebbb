package io.drp.report;

/** drp's version as recorded in reports: the jar manifest's, or "0.1.0-dev" when run from classes. */
public final class DrpVersion {

    private DrpVersion() {}

    public static String current() {
        String v = DrpVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
