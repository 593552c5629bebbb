package io.drp.report;

import io.drp.model.DrillReport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PDF read back with PDFBox, independently of how it was made: the figures an auditor looks for are in its text. */
class PdfReportTest {

    /** All text of the document, whitespace collapsed, so a figure wrapped over two lines still reads as one. */
    static String text(PDDocument doc) throws Exception {
        return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }

    /** Raster images on any page: a chart kept as a vector leaves none. */
    static int images(PDDocument doc) throws Exception {
        int n = 0;
        for (PDPage page : doc.getPages()) {
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) n++;
            }
        }
        return n;
    }

    @Test
    void thePdfCarriesVerdictRtoRpoAndDrillIdAsTextAndTheChartAsVectors(@TempDir Path tmp) throws Exception {
        // given: the failed sample drill (RTO 754.25 s, RPO 1234.5 s)
        DrillReport r = SampleReports.failed();

        // when
        Path pdf = ReportWriters.write(r, tmp, ReportWriters.Format.PDF);

        // then
        assertEquals(tmp.resolve("drill-report.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
            String text = text(doc);
            assertTrue(text.contains("FAILED"), text);
            assertTrue(text.contains("d20261124-030000-abcd"), "drill id");
            assertTrue(text.contains("Measured RTO 12 min 34 s"), "RTO of 754.25 s: " + text);
            assertTrue(text.contains("Measured RPO 20 min 35 s"), "RPO of 1234.5 s: " + text);
            assertTrue(text.contains("bbbbbbbb"), "manifest hashes are in the evidence");
            assertEquals(0, images(doc), "the timeline must be drawn as vectors, not a picture of it");
            assertTrue(doc.getNumberOfPages() >= 1);
        }
    }

    @Test
    void anAbortedDrillPrintsToo(@TempDir Path tmp) throws Exception {
        Path pdf = ReportWriters.write(SampleReports.aborted(), tmp, ReportWriters.Format.PDF);
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
            String text = text(doc);
            assertTrue(text.contains("ABORTED") && text.contains("d-aborted") && text.contains("not measured"), text);
            assertFalse(text.contains("<script"), "object names stay text");
        }
    }
}
