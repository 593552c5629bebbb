package io.drp.report;

import io.drp.model.DrillReport;
import io.drp.model.Integrity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportRenderersTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void junitXmlShowsMissedObjectivesAsFailures() throws Exception {
        DrillReport r = SampleReports.failed();

        Document doc = parse(JunitReportRenderer.render(r));

        NodeList failures = doc.getElementsByTagName("failure");
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < failures.getLength(); i++) {
            Element testcase = (Element) failures.item(i).getParentNode();
            failed.add(testcase.getAttribute("classname") + " " + testcase.getAttribute("name"));
        }
        assertEquals(List.of("drp.objectives.orders RTO region-outage", "drp.objectives.orders INTEGRITY region-outage"), failed);
        assertEquals("RTO target 600.000 s, measured 754.250 s", ((Element) failures.item(0)).getAttribute("message"));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("9", root.getAttribute("tests"), "4 objectives + 5 steps");
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("0", root.getAttribute("errors"));
        // passing cases carry their figures too
        NodeList props = doc.getElementsByTagName("property");
        boolean rpoMeasured = false;
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            Element testcase = (Element) p.getParentNode().getParentNode();
            if (testcase.getAttribute("name").startsWith("RPO") && p.getAttribute("name").equals("measured")
                    && !p.getAttribute("value").equals("not measured")) rpoMeasured = true;
        }
        assertTrue(rpoMeasured, "a met RPO carries its measured value");
    }

    @Test
    void junitXmlShowsAnAbortedStepAsAnErrorAndSkippedStepsAsSkipped() throws Exception {
        Document doc = parse(JunitReportRenderer.render(SampleReports.aborted()));

        // an aborted run is errors, as its exit code 3 says: its unmeasured RTO is not a measured miss
        NodeList errors = doc.getElementsByTagName("error");
        assertEquals(2, errors.getLength());
        assertEquals("NotMeasured", ((Element) errors.item(0)).getAttribute("type"));
        assertEquals("drp.objectives.orders", ((Element) errors.item(0).getParentNode()).getAttribute("classname"));
        assertEquals("no restorable backup", ((Element) errors.item(1)).getAttribute("message"));
        assertEquals(1, doc.getElementsByTagName("skipped").getLength());
        assertEquals("0", doc.getDocumentElement().getAttribute("failures"));
        assertEquals("2", doc.getDocumentElement().getAttribute("errors"));
    }

    @Test
    void htmlIsSelfContainedEscapedAndCarriesTheFigures() {
        String html = HtmlReportRenderer.render(SampleReports.failed());

        assertTrue(html.contains("<div class=\"big\">FAILED</div>"));
        // measured RTO 754.25 s and RPO 1234.5 s, in the units people read; the JSON keeps the seconds
        assertTrue(html.contains("<td id=\"measured-rto\">12 min 34 s</td>") && html.contains("<td id=\"measured-rpo\">20 min 35 s</td>"), html);
        assertTrue(html.contains("<td>orders</td><td>RTO</td><td>10 min</td><td>12 min 34 s</td>"), "objective 600 s reads as 10 min");
        assertFalse(html.contains("600.000 s") || html.contains("754.250 s"), "no raw seconds in the HTML");
        assertTrue(html.contains("<svg"), "the timeline is an inline SVG");
        assertTrue(html.contains("restore (9 min 57 s)"), "the chart labels each step");
        assertTrue(html.contains("bbbbbbbb"), "manifest hashes are in the evidence");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "object names are escaped");
        assertFalse(html.contains("<script"), "no script at all: the page must render offline and print");
        assertFalse(html.contains("http://") && html.matches("(?s).*(src|href)=\"https?://.*"), "no network fetches");
        // error budget: 99.9% of a 30-day month = 43.2 min; 754.25 s = 12.57 min = 29.1% of it
        assertTrue(html.contains("43.2 min") && html.contains("29.1% of the budget"), "error budget figures");
    }

    @Test
    void anAbortedDrillStillRendersEveryFormat() {
        DrillReport r = SampleReports.aborted();
        String html = HtmlReportRenderer.render(r);
        assertTrue(html.contains("<div class=\"big\">ABORTED</div>") && html.contains("not measured"));
        assertTrue(MarkdownReportRenderer.render(r).contains("**ABORTED**"));
        assertTrue(JunitReportRenderer.render(r).contains("StepAborted"));
    }

    @Test
    void markdownSummarisesVerdictObjectivesAndFindings() {
        String md = MarkdownReportRenderer.render(SampleReports.failed());
        assertTrue(md.startsWith("## ❌ DR drill `d20261124-030000-abcd`: **FAILED**"));
        assertTrue(md.contains("| orders | RTO | 10 min | 12 min 34 s | **missed** |"), md);
        assertTrue(md.contains("| orders | RPO | 1 h | 20 min 35 s | met |"), md);
        assertTrue(md.contains("restore 9 min 57 s"), md);
        assertTrue(md.contains("Integrity: 120/120 objects restored exactly, 0 mismatch(es), lost: 3 (300 bytes)."));
        assertTrue(md.contains("1 finding(s), 1 blocking"));
    }

    @Test
    void writeAllWritesEveryFormatAndJsonReadsBackEqual(@TempDir Path tmp) throws Exception {
        DrillReport r = SampleReports.failed();
        ReportWriters.writeAll(r, tmp);
        for (ReportWriters.Format f : ReportWriters.EVERY_RUN) {
            assertTrue(Files.size(tmp.resolve(f.fileName)) > 100, f.fileName);
            // readable as an ordinary file is: an artifact step or an auditor's web server can serve it
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(tmp.resolve(f.fileName))), f.fileName);
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tmp.resolve(ReportJson.FILE_NAME))));
        assertEquals(r, ReportJson.read(tmp.resolve(ReportJson.FILE_NAME)));
    }

    @Test
    void everyFormatSaysHowTheCopiesMovedAndWhy() throws Exception {
        DrillReport r = SampleReports.failed();

        String html = HtmlReportRenderer.render(r);
        String md = MarkdownReportRenderer.render(r);
        Document junit = parse(JunitReportRenderer.render(r));

        assertTrue(html.contains("<td id=\"copy-mode\">server (auto: the recovery account&#39;s service reads the backup"), html);
        assertTrue(md.contains("Copy mode: **server**, auto: the recovery account's service"), md);
        NodeList props = junit.getElementsByTagName("property");
        List<String> copyModes = new ArrayList<>();
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (p.getAttribute("name").equals("drp.copyMode")) copyModes.add(p.getAttribute("value"));
        }
        assertEquals(List.of("server"), copyModes);
        assertTrue(ReportJson.toJson(r).contains("\"copyMode\" : \"server\""));
    }
}
