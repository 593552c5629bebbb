package io.drp.report;

import io.drp.cli.Main;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report naming objects with control characters (U+0001 is a legal blob name) renders in every XML format. */
class ControlCharacterReportTest {

    /** The failed sample, with a lost object, the verdict and an objective naming U+0001, U+001F and an unpaired surrogate. */
    static Path hostileReport(Path dir) throws Exception {
        String json = ReportJson.toJson(SampleReports.failed())
                .replace("\"orders/b\"", "\"orders/b\\u0001x\"")
                .replace("missed: orders RTO", "missed: orders RTO at orders/b\\u0001x and orders/\\u001f\\ud800z")
                .replace("3 object(s) lost, tolerance 0", "3 object(s) lost, first orders/b\\u0001x and orders/\\u001f\\ud800z");
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(ReportJson.FILE_NAME), json);
    }

    static int drp(String... args) {
        return Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), args);
    }

    @Test
    void aReportNamingAnObjectWithU0001RendersToPdf(@TempDir Path tmp) throws Exception {
        Path json = hostileReport(tmp.resolve("in"));
        assertTrue(ReportJson.read(json).verdictReason().contains("\u0001"), "the input really holds the character");

        assertEquals(0, drp("report", "--from", json.toString(), "--format", "pdf", "--out", tmp.resolve("out").toString()));

        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(tmp.resolve("out").resolve("drill-report.pdf")))) {
            String text = PdfReportTest.text(doc);
            assertTrue(text.contains("orders/b\\u0001x"), "the character is shown as its escape: " + text);
        }
    }

    @Test
    void theHtmlAndJunitReportsStayWellFormedXml(@TempDir Path tmp) throws Exception {
        Path json = hostileReport(tmp.resolve("in"));
        for (String f : new String[] {"html", "junit"}) {
            assertEquals(0, drp("report", "--from", json.toString(), "--format", f, "--out", tmp.resolve("out").toString()));
        }
        for (String file : new String[] {"drill-report.html", "drill-report.junit.xml"}) {
            Path p = tmp.resolve("out").resolve(file);
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile()); // throws on a character XML forbids
            String text = Files.readString(p);
            assertTrue(text.contains("orders/b\\u0001x") && text.contains("orders/\\u001F\\uD800z"), file + ": " + text);
        }
    }
}
