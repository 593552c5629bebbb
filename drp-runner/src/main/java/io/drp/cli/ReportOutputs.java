package io.drp.cli;

import io.drp.report.DrillReport;
import io.drp.report.ReportWriters;

import java.io.IOException;
import java.nio.file.Path;

/** Every report file a drill writes, on success, failure and abort alike. */
final class ReportOutputs {

    private ReportOutputs() {}

    static Path write(DrillReport report, Path dir) throws IOException {
        return ReportWriters.writeAll(report, dir);
    }
}
