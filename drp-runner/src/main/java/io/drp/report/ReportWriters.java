package io.drp.report;

import io.drp.model.DrillReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes every report format next to each other. JSON goes first and must succeed; a failure in one derived
 * format never prevents the others (the JSON can regenerate them with {@code drp report}).
 */
public final class ReportWriters {

    public enum Format {
        JSON(".json", r -> utf8(ReportJson.toJson(r))),
        HTML(".html", r -> utf8(HtmlReportRenderer.render(r))),
        JUNIT(".junit.xml", r -> utf8(JunitReportRenderer.render(r))),
        MD(".md", r -> utf8(MarkdownReportRenderer.render(r))),
        /** The HTML report, printed; not written by every run (it takes a second), but by {@code drp report --format pdf}. */
        PDF(".pdf", r -> PdfRenderer.render(HtmlReportRenderer.render(r), null));

        /** A drill's file name; a restore's starts with "restore-report" instead. */
        public final String fileName;
        final String suffix;
        final Function<DrillReport, byte[]> renderer;

        Format(String suffix, Function<DrillReport, byte[]> renderer) {
            this.suffix = suffix;
            this.fileName = "drill-report" + suffix;
            this.renderer = renderer;
        }

        public String fileName(DrillReport r) {
            return r.fileStem() + suffix;
        }

        public static Format parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** What every drill, restore and demo writes, on success, failure and abort alike. */
    public static final List<Format> EVERY_RUN = List.of(Format.JSON, Format.HTML, Format.JUNIT, Format.MD);

    private ReportWriters() {}

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** As {@link #writeAll(DrillReport, Path, Consumer)}, ignoring failures of the derived formats (tests). */
    public static Path writeAll(DrillReport report, Path dir) throws IOException {
        return writeAll(report, dir, failure -> { });
    }

    /**
     * @param warnings told, in one line, which derived formats could not be written
     * @return the JSON report's path
     */
    public static Path writeAll(DrillReport report, Path dir, Consumer<String> warnings) throws IOException {
        Path json = ReportJson.write(report, dir);
        List<String> failures = new ArrayList<>();
        for (Format f : EVERY_RUN.subList(1, EVERY_RUN.size())) {
            try {
                write(report, dir, f);
            } catch (IOException | RuntimeException e) {
                failures.add(f.fileName(report) + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            warnings.accept("some report formats could not be written (regenerate with 'drp report'): " + failures);
        }
        return json;
    }

    public static Path write(DrillReport report, Path dir, Format format) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(format.fileName(report));
        return ReportFiles.replace(target, format.renderer.apply(report));
    }
}
