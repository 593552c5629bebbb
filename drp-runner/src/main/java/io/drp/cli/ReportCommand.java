package io.drp.cli;

import io.drp.failure.UsageFailure;
import io.drp.history.HistoryReports;
import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.report.ReportWriters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

@Command(name = "report", header = "Regenerate HTML, JUnit XML, Markdown or PDF from a drill-report.json, or write the history page.",
        description = {"Reads a drill-report.json and writes the requested format next to it (or into --out).",
                "With --history, writes history.html from the ledger into the report directory: RTO and RPO per run against "
                        + "their objectives, the pass rate, the last drill per scenario, whether the ledger verifies, and links to the archived reports."},
        exitCodeList = {
                "0:the report file(s) were written (a broken ledger is shown on the page and said on stderr)",
                "2:invalid usage, or --from is not a drill report",
                "3:aborted: an unexpected error"},
        footer = {"  drp report --from drill-reports/drill-report.json --format html",
                "  drp report --from drill-report.json --format all --out /tmp/reports",
                "  drp report --from drill-reports/drill-report.json --format pdf",
                "  drp report --history --ledger .drp/ledger --report-dir drill-reports --public-key ledger-key.pub.pem"})
public final class ReportCommand extends DrpCommandBase {

    @Option(names = "--from", paramLabel = "FILE", description = "The drill-report.json to read.")
    Path from;

    @Option(names = "--history", description = "Write the history page from the ledger instead of regenerating one report.")
    boolean history;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "html, junit, md, pdf, json or all (default: all; json only with --out); with --history: html (the default) or pdf.")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the directory of --from).")
    Path out;

    @Mixin
    LedgerOptions ledger;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "With --history: where archive/ is read and history.html written (default: drill.reportDir of drp.yaml, else drill-reports).")
    Path reportDir;

    @Override
    protected ExitCode execute() {
        if (history == (from != null)) throw new UsageFailure("pass either --from FILE or --history");
        if (history) return history();
        List<ReportWriters.Format> formats;
        try {
            formats = format == null || format.equalsIgnoreCase("all")
                    ? List.of(ReportWriters.Format.HTML, ReportWriters.Format.JUNIT, ReportWriters.Format.MD, ReportWriters.Format.PDF)
                    : List.of(ReportWriters.Format.parse(format));
        } catch (IllegalArgumentException e) {
            throw new UsageFailure("--format must be html, junit, md, pdf, json or all");
        }
        if (!Files.isRegularFile(from)) {
            throw new UsageFailure(from + ": file not found; pass the drill-report.json a drill wrote");
        }
        DrillReport report;
        try {
            report = ReportJson.read(from);
        } catch (IOException e) {
            throw new UsageFailure(from + ": not a drill report (" + e.getClass().getSimpleName() + " at "
                    + firstLine(e.getMessage()) + "); pass the drill-report.json a drill wrote");
        }
        if (report.schemaVersion() == null || !report.schemaVersion().startsWith("1.")) {
            throw new UsageFailure(from + ": schemaVersion " + report.schemaVersion() + " is not supported by this drp (1.x)");
        }
        Path dir = out != null ? out : (from.toAbsolutePath().getParent());
        try {
            for (ReportWriters.Format f : formats) {
                out().println(ReportWriters.write(report, dir, f));
            }
        } catch (IOException e) {
            throw new UsageFailure("cannot write into " + dir + ": " + e.getMessage());
        }
        return ExitCode.OK;
    }

    private ExitCode history() {
        boolean pdf = "pdf".equalsIgnoreCase(format);
        if (format != null && !pdf && !format.equalsIgnoreCase("html")) throw new UsageFailure("--history writes --format html or pdf");
        Path dir = reportDir != null ? reportDir : ledger.reportDir();
        HistoryReports.Written w;
        try {
            w = HistoryReports.write(ledger.dir(), dir, ledger.keys(), Clock.systemUTC(), pdf);
        } catch (IOException e) {
            throw new UsageFailure("cannot write into " + dir + ": " + e.getMessage());
        }
        var v = w.history().verification();
        if (!v.intact()) {
            err().println("drp: ledger BROKEN at " + v.problem() + "; records from there on are unverified and not shown on the page");
        }
        out().println(w.file());
        return ExitCode.OK;
    }

    private static String firstLine(String s) {
        if (s == null) return "?";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
