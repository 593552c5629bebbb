package io.drp.cli;

import io.drp.recovery.RecoveryEngine;
import io.drp.report.ReportWriters;

import java.io.PrintWriter;

/** Every report file a run writes, on success, failure and abort alike; a format that fails is said on stderr. */
final class ReportOutputs {

    private ReportOutputs() {}

    static RecoveryEngine.ReportSink to(PrintWriter err) {
        return (report, dir) -> ReportWriters.writeAll(report, dir, w -> err.println("drp: " + w));
    }
}
