package io.drp.report;

/** Lets tests in other packages use {@link SampleReports}. */
public final class SampleReportsAccess {

    private SampleReportsAccess() {}

    public static DrillReport failed() {
        return SampleReports.failed();
    }

    public static DrillReport aborted() {
        return SampleReports.aborted();
    }
}
