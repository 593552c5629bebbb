package io.drp.report;

import io.drp.model.DrillReport;

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
