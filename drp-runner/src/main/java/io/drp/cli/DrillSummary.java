package io.drp.cli;

import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.ObjectiveResult;
import io.drp.model.StepRecord;
import io.drp.model.Verdict;
import io.drp.recovery.AfterRun;
import io.drp.recovery.LockedRun;
import io.drp.report.ReportJson;
import io.drp.secrets.Redactor;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The short console summary after a drill: verdict, the three objectives, steps, and where the report is. */
final class DrillSummary {

    private DrillSummary() {}

    /**
     * What every run ends with, drill or restore: the summary, the follow-ups' lines, how to resume an aborted
     * run, and the exit code. A follow-up that failed (the ledger) makes it 3 whatever the verdict.
     */
    static ExitCode conclude(PrintWriter out, Redactor redactor, LockedRun.Outcome outcome, Path reportDir, String command,
                             ConfigOptions options) {
        DrillReport report = outcome.report();
        print(out, report, reportDir.resolve(ReportJson.fileName(report)));
        outcome.notes().forEach(n -> out.println("  " + redactor.redact(n.text())));
        if (report.verdict() == Verdict.ABORTED) out.println("  resume with: " + resumeCommand(command, options, reportDir, report.drillId()));
        return AfterRun.anyFailed(outcome.notes()) ? ExitCode.ABORTED : ExitCode.of(report.verdict());
    }

    /**
     * The whole command that finishes an aborted run, to be pasted as it is: a bare "--resume ID" in another
     * directory or without the run's -c and --work-dir finds no resume state, or the wrong emulator data.
     */
    static String resumeCommand(String command, ConfigOptions options, Path reportDir, String runId) {
        return "drp " + command + " -c " + shellQuote(options.config.toString()) + " --work-dir " + shellQuote(options.workDir.toString())
                + " --report-dir " + shellQuote(reportDir.toString()) + " --resume " + shellQuote(runId);
    }

    /** Quotes for a POSIX shell only when needed, so that the usual paths stay readable. */
    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    static void print(PrintWriter out, DrillReport r, Path reportFile) {
        out.println();
        out.printf("%s %s: %s (%s)%n", r.kind(), r.drillId(), Colour.verdict(r.verdict()), r.verdictReason());
        if (r.objectives() != null && r.objectives().incidentLevel() != null) {
            out.println("  scenario: " + io.drp.report.ScenarioLines.scenario(r.objectives()));
        }
        if (r.restore() != null) {
            out.printf("  restored into %s %s: %s%s%s%n", r.restore().destination(), r.restore().account(), r.restore().containers(),
                    r.restore().prefix() == null || r.restore().prefix().isEmpty() ? "" : " (names starting with '" + r.restore().prefix() + "')",
                    r.restore().overwrite() ? "; " + r.restore().replacedObjects() + " existing object(s) replaced" : "");
        }
        if (r.measured() != null) {
            out.printf("  %s at %s, recovery point %s%n", io.drp.report.LossText.isRestore(r) ? "incident start" : "disaster",
                    io.drp.report.DisplayTime.of(r.measured().disasterAt()),
                    r.measured().recoveryPoint() == null ? "none" : r.measured().recoveryPoint());
            String window = io.drp.report.ScenarioLines.window(r);
            if (window != null) out.println("  " + window);
        }
        for (ObjectiveResult o : r.objectiveResults()) {
            out.printf(Locale.ROOT, "  %-4s %-10s %-9s target %-10s measured %-10s %s%n", o.met() ? (o.measured() == null ? "n/m" : "ok") : "MISS", o.service(),
                    o.kind(), fmt(o.target(), o.unit()), o.measured() == null ? "-" : fmt(o.measured(), o.unit()), o.detail());
        }
        out.printf("  integrity: %d/%d objects restored exactly, %d mismatch(es), lost: %s, %d written after the disaster%n",
                r.integrity().objectsRestored(), r.integrity().objectsExpected(), r.integrity().mismatches(),
                io.drp.report.LossText.of(r.integrity()), r.integrity().objectsWrittenAfterDisaster());
        StringBuilder steps = new StringBuilder("  steps:");
        for (StepRecord s : r.steps()) {
            steps.append(String.format(Locale.ROOT, " %s %.1fs%s", s.name(), s.durationSeconds(),
                    s.status() == io.drp.model.StepStatus.SUCCEEDED ? "" : " " + s.status()));
        }
        out.println(steps);
        for (Finding f : r.findings()) {
            if (f.severity() != Finding.Severity.INFO) out.println("  " + f.severity() + " " + f.code() + ": " + f.message());
        }
        if (r.transientRetries() > 0) out.println("  transient storage errors retried: " + r.transientRetries());
        out.println("  report: " + reportFile.toAbsolutePath());
    }

    private static String fmt(double v, String unit) {
        if ("seconds".equals(unit)) return String.format(Locale.ROOT, "%.1fs", v);
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
