package io.drp.cli;

import io.drp.failure.UsageFailure;
import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.report.ReportWriters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "report", header = "Regenerate HTML, JUnit XML or Markdown from a drill-report.json.",
        description = {"Reads a drill-report.json and writes the requested format next to it (or into --out)."},
        exitCodeList = {
                "0:the report file(s) were written",
                "2:invalid usage, or --from is not a drill report",
                "3:aborted: an unexpected error"},
        footer = {"  drp report --from drill-reports/drill-report.json --format html",
                "  drp report --from drill-report.json --format all --out /tmp/reports"})
public final class ReportCommand extends DrpCommandBase {

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The drill-report.json to read.")
    Path from;

    @Option(names = "--format", defaultValue = "all", paramLabel = "FORMAT", description = "html, junit, md, json or all (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the directory of --from).")
    Path out;

    @Override
    protected ExitCode execute() {
        List<ReportWriters.Format> formats;
        try {
            formats = format.equalsIgnoreCase("all")
                    ? List.of(ReportWriters.Format.HTML, ReportWriters.Format.JUNIT, ReportWriters.Format.MD)
                    : List.of(ReportWriters.Format.parse(format));
        } catch (IllegalArgumentException e) {
            throw new UsageFailure("--format must be html, junit, md, json or all");
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

    private static String firstLine(String s) {
        if (s == null) return "?";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
