package io.drp.report;

import io.drp.model.Controls;
import io.drp.model.DrillReport;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Controls section in each format: a fault the verifier missed is a failed test, shown as such on the page. */
class ControlsSectionTest {

    private static DrillReport with(Controls c) {
        DrillReport s = SampleReports.failed();
        return new DrillReport(s.schemaVersion(), s.kind(), s.drillId(), s.verdict(), s.verdictReason(), s.startedAt(), s.finishedAt(),
                s.objectives(), s.measured(), s.objectiveResults(), s.steps(), s.integrity(), s.evidence(), s.findings(), s.runs(),
                s.transientRetries(), s.restore(), s.plan(), c);
    }

    private static final Controls BLIND = new Controls(true, null, "drp-control-d1", "restored object orders/a.txt (12 bytes)",
            "full", List.of(
            new Controls.Control("flipped-byte", "drp-control-d1/flipped-byte", "bit 0 of byte 6 flipped", "sha256 ab, 12 bytes", false, List.of()),
            new Controls.Control("left-out", "drp-control-d1/left-out", "nothing", "present", true, List.of("missing after restore")),
            new Controls.Control("content-type", "drp-control-d1/content-type", "Content-Type application/x-drp-control",
                    "Content-Type text/plain", true, List.of("restored attributes differ: contentType"))), true);

    @Test
    void aMissedFaultIsAJunitFailureNamedAfterItAndEveryFormatSaysNotCaught() throws Exception {
        DrillReport r = with(BLIND);

        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(JunitReportRenderer.render(r).getBytes(StandardCharsets.UTF_8)));
        var failures = doc.getElementsByTagName("failure");
        Element blind = null;
        for (int i = 0; i < failures.getLength(); i++) {
            Element e = (Element) failures.item(i);
            if ("VerifierBlind".equals(e.getAttribute("type"))) blind = e;
        }
        assertTrue(blind != null, "a VerifierBlind failure");
        assertEquals("flipped-byte is caught", ((Element) blind.getParentNode()).getAttribute("name"));
        assertEquals("12", doc.getDocumentElement().getAttribute("tests"), "4 objectives + 5 steps + 3 controls");
        assertEquals("3", doc.getDocumentElement().getAttribute("failures"), "2 objectives + 1 control");

        String html = HtmlReportRenderer.render(r);
        assertTrue(html.contains("<h2>Controls</h2>") && html.contains("2 of 3 planted fault(s) caught by the verifier (VERIFIER BLIND)"), html);
        assertTrue(html.contains("NOT caught"), html);
        String md = MarkdownReportRenderer.render(r);
        assertTrue(md.contains("**NOT caught** `flipped-byte`") && md.contains("the verifier said: nothing"), md);
    }

    @Test
    void thePdfPrintsTheSection(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path pdf = ReportWriters.write(with(BLIND), tmp, ReportWriters.Format.PDF);

        try (var doc = org.apache.pdfbox.Loader.loadPDF(java.nio.file.Files.readAllBytes(pdf))) {
            String text = PdfReportTest.text(doc);
            assertTrue(text.contains("Controls") && text.contains("NOT caught") && text.contains("flipped-byte bit 0 of byte 6"), text);
        }
    }

    @Test
    void noControlsIsASkippedTestAndALineSayingWhy() throws Exception {
        DrillReport r = with(Controls.notRun("--no-controls: this run did not show that its verifier can fail"));

        String junit = JunitReportRenderer.render(r);
        assertTrue(junit.contains("<skipped message=\"--no-controls: this run did not show that its verifier can fail\""), junit);
        assertTrue(MarkdownReportRenderer.render(r).contains("No negative controls: --no-controls"));
        assertTrue(HtmlReportRenderer.render(r).contains("No negative controls: --no-controls"));
    }

    @Test
    void theSectionRoundTripsThroughJsonValidAgainstTheSchema() throws Exception {
        DrillReport r = with(BLIND);

        String json = ReportJson.toJson(r);

        assertEquals(java.util.Set.of(), ReportSchemaTest.validate(json));
        assertEquals(BLIND, ReportJson.mapper().readValue(json, DrillReport.class).controls());
        // a report written before controls existed reads back without the section
        String old = ReportJson.toJson(SampleReports.failed()).replace("\"controls\" : null,", "");
        assertFalse(old.contains("\"controls\""), old);
        assertEquals(null, ReportJson.mapper().readValue(old, DrillReport.class).controls());
    }

    @Test
    void aReportFromBeforeControlsShowsNoSection() {
        DrillReport r = SampleReports.failed();

        assertFalse(HtmlReportRenderer.render(r).contains("<h2>Controls</h2>"));
        assertFalse(MarkdownReportRenderer.render(r).contains("Controls:"));
        assertFalse(JunitReportRenderer.render(r).contains("drp.controls"));
    }
}
