package io.drp.history;

import io.drp.ledger.LedgerBook;
import io.drp.ledger.LedgerSigning;
import io.drp.model.DrillReport;
import io.drp.model.Measured;
import io.drp.model.Objectives;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** history.html built from a real ledger and archive on disk, read back as XML (the page is well-formed XHTML). */
class HistoryPageTest {

    static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");

    /** A report like the sample, with what the history page reads changed. */
    static DrillReport run(String kind, String id, Verdict verdict, String scenario, Instant finished, Double rto, Double rpo,
                           double rtoObjective, double rpoObjective) {
        DrillReport s = SampleReportsAccess.failed();
        Objectives o = scenario == null ? null : new Objectives(rtoObjective, rpoObjective, 0, scenario, 99.9);
        return new DrillReport(s.schemaVersion(), kind, id, verdict, "because", finished.minusSeconds(60), finished, o,
                new Measured(finished.minusSeconds(60), "c1/000000", finished.minusSeconds(600), finished, rto, rpo),
                s.objectiveResults(), s.steps(), s.integrity(), s.evidence(), s.findings(), s.runs(), 0, null);
    }

    /** What a drill does after its report is written: archive it under its SHA-256 and append it to the ledger. */
    static void record(LedgerBook book, DrillReport r, Path reports) throws Exception {
        ReportJson.write(r, reports);
        assertFalse(book.record(r, reports).failed());
    }

    static Document xml(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        // the page's only DOCTYPE is the HTML5 one, which names no DTD to fetch
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(Document d, String xpath) throws Exception {
        return ((String) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.STRING)).strip().replaceAll("\\s+", " ");
    }

    /** A table row's cells, one space between them. */
    static String row(Document d, String xpath) throws Exception {
        NodeList cells = nodes(d, xpath + "/td");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cells.getLength(); i++) out.add(cells.item(i).getTextContent().strip());
        return String.join(" ", out);
    }

    static NodeList nodes(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
    }

    @Test
    void thePageShowsPassRateLastDrillPerScenarioObjectivesAndLinksToEachArchivedReport(@TempDir Path tmp) throws Exception {
        // given: four runs over three days, the last drill of region-outage two days before the page is made
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        LedgerBook book = new LedgerBook(ledger, Optional.empty());
        record(book, run("drill", "d1", Verdict.PASSED, "region-outage", T0, 300.0, 900.0, 600, 3600), reports);
        record(book, run("drill", "d2", Verdict.FAILED, "app-failure", T0.plusSeconds(3600), 2400.0, 60.0, 1800, 3600), reports);
        record(book, run("restore", "r3", Verdict.PASSED, null, T0.plusSeconds(7200), 120.0, 30.0, 0, 0), reports);
        record(book, run("drill", "d4", Verdict.FAILED, "region-outage", T0.plusSeconds(86_400), 700.0, 120.0, 600, 3600), reports);
        Clock now = Clock.fixed(T0.plusSeconds(3 * 86_400), ZoneOffset.UTC);

        // when
        HistoryReports.Written w = HistoryReports.write(ledger, reports, Optional.empty(), now);

        // then
        assertEquals(reports.resolve("history.html"), w.file());
        Document d = xml(Files.readString(w.file()));
        assertEquals("2 of 4 passed (50%)", text(d, "//td[@id='pass-rate']"));
        assertEquals("1 of 3 passed (33%)", text(d, "//td[@id='drill-pass-rate']"));
        assertEquals("1 of 1 passed (100%)", text(d, "//td[@id='restore-pass-rate']"));
        assertTrue(text(d, "//td[@id='ledger-status']").startsWith("intact: 4 record(s)"), text(d, "//td[@id='ledger-status']"));
        assertTrue(text(d, "//td[@id='signatures']").startsWith("unsigned"), text(d, "//td[@id='signatures']"));
        // last drill per scenario, by name, with its age from the injected clock: 2 days for d4, 3 days minus 1 h for d2
        assertEquals("app-failure d2 FAILED 2026-11-24T04:00:00Z 2 d 23 h ago", row(d, "//table[@id='last-drills']/tr[2]"));
        assertEquals("region-outage d4 FAILED 2026-11-25T03:00:00Z 2 d ago", row(d, "//table[@id='last-drills']/tr[3]"));
        // every run against the objectives its archived report was judged by
        assertEquals("5 min / 10 min", text(d, "//table[@id='runs']/tr[td[3]='d1']/td[7]"));
        assertEquals("met", text(d, "//table[@id='runs']/tr[td[3]='d1']/td[7]/@class"));
        assertEquals("40 min / 30 min", text(d, "//table[@id='runs']/tr[td[3]='d2']/td[7]"));
        assertEquals("missed", text(d, "//table[@id='runs']/tr[td[3]='d2']/td[7]/@class"));
        assertEquals("2 min / 1 h", text(d, "//table[@id='runs']/tr[td[3]='d4']/td[8]"));
        assertEquals("2 min / -", text(d, "//table[@id='runs']/tr[td[3]='r3']/td[7]"), "a restore without a scenario has no objective");
        // each link opens the archived report of that run
        NodeList links = nodes(d, "//table[@id='runs']//a/@href");
        assertEquals(4, links.getLength());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            Path target = reports.resolve(links.item(i).getNodeValue());
            assertTrue(Files.isRegularFile(target), target.toString());
            ids.add(ReportJson.read(target).drillId());
        }
        assertEquals(List.of("d1", "d2", "r3", "d4"), ids);
        // both charts are inline SVG carrying their objective series
        for (String chart : List.of("rto", "rpo")) {
            Element svg = (Element) nodes(d, "//div[@id='" + chart + "-chart']/svg").item(0);
            assertTrue(svg != null && svg.getTextContent().contains(chart.toUpperCase() + " objective"), chart + " chart");
        }
        assertTrue(nodes(d, "//script").getLength() == 0 && nodes(d, "//*[@src]").getLength() == 0, "no script, nothing fetched");
    }

    @Test
    void aMissingOrEditedArchivedReportIsShownAndLendsNoObjectives(@TempDir Path tmp) throws Exception {
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        LedgerBook book = new LedgerBook(ledger, Optional.empty());
        record(book, run("drill", "d1", Verdict.PASSED, "region-outage", T0, 300.0, 900.0, 600, 3600), reports);
        record(book, run("drill", "d2", Verdict.PASSED, "region-outage", T0.plusSeconds(60), 300.0, 900.0, 600, 3600), reports);
        List<Path> archived;
        try (var files = Files.list(reports.resolve("archive"))) {
            archived = files.sorted().toList();
        }
        String d1 = archived.stream().filter(p -> read(p).contains("\"d1\"")).findFirst().orElseThrow().toString();
        String d2 = archived.stream().filter(p -> read(p).contains("\"d2\"")).findFirst().orElseThrow().toString();
        Files.delete(Path.of(d1));
        // an objective loosened after the fact must not make the run look met
        Files.writeString(Path.of(d2), read(Path.of(d2)).replace("\"rtoSeconds\" : 600.0", "\"rtoSeconds\" : 6000.0"));

        Document d = xml(Files.readString(HistoryReports.write(ledger, reports, Optional.empty(), Clock.systemUTC()).file()));

        assertEquals("not archived here", text(d, "//table[@id='runs']/tr[td[3]='d1']/td[9]"));
        assertTrue(text(d, "//table[@id='runs']/tr[td[3]='d2']/td[9]").startsWith("ALTERED"));
        assertEquals("5 min / -", text(d, "//table[@id='runs']/tr[td[3]='d2']/td[7]"));
        assertEquals(0, nodes(d, "//table[@id='runs']//a").getLength());
    }

    @Test
    void aBrokenChainAndSignaturesAreJudgedOnThePage(@TempDir Path tmp) throws Exception {
        // given: a ledger signed by one key
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pub = Files.writeString(tmp.resolve("key.pub.pem"), pem("PUBLIC KEY", kp.getPublic().getEncoded()));
        Path other = Files.writeString(tmp.resolve("other.pub.pem"),
                pem("PUBLIC KEY", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()));
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        LedgerBook book = new LedgerBook(ledger, Optional.empty(), Optional.of(kp.getPrivate()));
        for (int i = 1; i <= 3; i++) {
            record(book, run("drill", "d" + i, Verdict.FAILED, "region-outage", T0.plusSeconds(i), 300.0, 900.0, 600, 3600), reports);
        }

        String signed = status(ledger, reports, pub);
        String wrongKey = status(ledger, reports, other);
        Path file = ledger.resolve("ledger.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("FAILED", "PASSED"));
        Files.write(file, lines);
        String broken = status(ledger, reports, null);

        assertEquals("intact: 3 record(s), every hash and link verified, every signature checked", signed);
        // the records name their key: a key that is not theirs cannot check them, and says so
        assertTrue(wrongKey.startsWith("BROKEN at line 1 (drill d1): record is signed by key "), wrongKey);
        assertTrue(broken.startsWith("BROKEN at line 2 (drill d2): record content does not match its hash"), broken);
    }

    @Test
    void theHistoryPdfCarriesTheRunsAndThePassRateAsText(@TempDir Path tmp) throws Exception {
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        LedgerBook book = new LedgerBook(ledger, Optional.empty());
        record(book, run("drill", "d-first", Verdict.PASSED, "region-outage", T0, 300.0, 900.0, 600, 3600), reports);
        record(book, run("drill", "d-second", Verdict.FAILED, "region-outage", T0.plusSeconds(60), 754.25, 1234.5, 600, 3600), reports);

        Path pdf = HistoryReports.write(ledger, reports, Optional.empty(), Clock.systemUTC(), true).file();

        assertEquals(reports.resolve("history.pdf"), pdf);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(pdf))) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("1 of 2 passed (50%)"), text);
            assertTrue(text.contains("d-first") && text.contains("d-second") && text.contains("FAILED"), text);
            assertTrue(text.contains("12 min 34 s / 10 min") && text.contains("20 min 35 s / 1 h"), text);
        }
    }

    @Test
    void anEmptyLedgerStillWritesAPageThatSaysSo(@TempDir Path tmp) throws Exception {
        Document d = xml(Files.readString(HistoryReports.write(tmp.resolve("none"), tmp.resolve("reports"), Optional.empty(),
                Clock.systemUTC()).file()));
        assertEquals("none recorded", text(d, "//td[@id='pass-rate']"));
        assertTrue(text(d, "//body").contains("No run recorded in this ledger."));
        assertEquals(0, nodes(d, "//svg").getLength());
    }

    private static String status(Path ledger, Path reports, Path key) throws Exception {
        var k = key == null ? Optional.<java.security.PublicKey>empty() : Optional.of(LedgerSigning.readPublic(key));
        return text(xml(Files.readString(HistoryReports.write(ledger, reports, k, Clock.systemUTC()).file())), "//td[@id='ledger-status']");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
