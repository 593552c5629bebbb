package io.drp.report;

import io.drp.config.IncidentLevel;
import io.drp.config.ServiceHours;
import io.drp.model.DrillReport;
import io.drp.model.Measured;
import io.drp.model.Objectives;
import io.drp.model.ServiceWindow;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every report format names the incident level with its description, and the SLA window T0 fell in. */
class ScenarioReportLinesTest {

    /** The sample report as a level-2 drill at {@code t0}, with the window computed as the assembler does. */
    private static DrillReport level2At(Instant t0, String kind) {
        DrillReport s = SampleReports.failed();
        IncidentLevel l = IncidentLevel.LEVEL_2;
        ServiceHours.State st = ServiceHours.plansDefault().at(t0);
        Measured m = new Measured(t0, s.measured().recoveryPoint(), s.measured().recoveryPointWatermark(), s.measured().verifiedAt(),
                s.measured().rtoSeconds(), s.measured().rpoSeconds(),
                new ServiceWindow(st.open(), st.current(), st.nextOpensAt(), st.next(), st.zone()));
        return new DrillReport(s.schemaVersion(), kind, s.drillId(), s.verdict(), s.verdictReason(), s.startedAt(), s.finishedAt(),
                new Objectives(2700, 3600, 0, l.scenario(), 99.9, l.number(), l.description()), m, s.objectiveResults(), s.steps(),
                s.integrity(), s.evidence(), s.findings(), s.runs(), s.transientRetries(), s.restore());
    }

    // Tuesday 03:00 UTC: before the weekday restoration window of the plan's default hours
    private static final Instant NIGHT = Instant.parse("2026-11-24T03:00:00Z");
    private static final Instant MORNING = Instant.parse("2026-11-24T10:00:00Z");

    private static final String LEVEL = "incident level 2 (level-2): virtual machine failure; 30-45 min";

    @Test
    void markdownNamesTheLevelAndSaysT0WasOutsideTheWindowAndWhenTheNextOpens() {
        String md = MarkdownReportRenderer.render(level2At(NIGHT, DrillReport.DRILL));

        assertTrue(md.contains("Scenario: " + LEVEL + "."), md);
        assertTrue(md.contains("SLA window at T0: outside the guaranteed windows; next window opens 2026-11-24T09:00:00Z (restoration, UTC)."), md);
    }

    @Test
    void htmlNamesTheLevelAndTheWindowARestoreWasIn() {
        String html = HtmlReportRenderer.render(level2At(MORNING, DrillReport.RESTORE));

        assertTrue(html.contains("<td id=\"incident-level\">" + LEVEL + "</td>"), html);
        assertTrue(html.contains("SLA service window at incident start</td><td id=\"service-window\">inside the guaranteed window restoration; "
                + "next window opens 2026-11-25T09:00:00Z (restoration, UTC)</td>"), html);
    }

    @Test
    void junitPropertiesCarryTheLevelAndTheWindow() throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(
                JunitReportRenderer.render(level2At(NIGHT, DrillReport.DRILL)).getBytes(StandardCharsets.UTF_8)));
        NodeList props = doc.getElementsByTagName("property");
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < props.getLength(); i++) {
            Element e = (Element) props.item(i);
            p.put(e.getAttribute("name"), e.getAttribute("value"));
        }

        assertEquals("2", p.get("drp.incidentLevel"));
        assertEquals("virtual machine failure; 30-45 min", p.get("drp.incidentDescription"));
        assertEquals(LEVEL, p.get("drp.scenarioLine"));
        assertEquals("outside", p.get("drp.serviceWindow"));
        assertEquals("2026-11-24T09:00:00Z", p.get("drp.nextServiceWindowOpensAt"));
    }

    @Test
    void aCustomScenarioAndAReportWithoutAWindowSayJustThat() {
        DrillReport custom = SampleReports.failed();

        String md = MarkdownReportRenderer.render(custom);

        assertTrue(md.contains("Scenario: region-outage (custom scenario)."), md);
        assertFalse(md.contains("SLA window"), "a report written before service hours existed has no window line");
        assertTrue(HtmlReportRenderer.render(custom).contains("<td id=\"service-window\">not recorded</td>"));
    }
}
