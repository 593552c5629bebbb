package io.drp.report;

import io.drp.model.DrillReport;
import io.drp.model.ResourceOperation;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.recovery.rebuild.ResourceTiming;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Pulumi rebuild's per-resource timings, written as the rebuild step writes them, shown by the timeline and the JUnit XML. */
class RebuildTimelineTest {

    static final Instant T = Instant.parse("2026-11-24T03:00:01Z");
    static final String ACCOUNT = "azure-native:storage:StorageAccount";
    static final String GROUP = "azure-native:resources:ResourceGroup";

    /** The details the Pulumi target puts on the rebuild step: the count, then one line per timed operation. */
    static Map<String, Object> details(List<ResourceTiming> timings) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stack", "recovery-drill-abcd");
        d.put("resourceOperations", String.valueOf(timings.size()));
        for (int i = 0; i < timings.size(); i++) d.put(String.format("resource%03d", i + 1), timings.get(i).line());
        return d;
    }

    static DrillReport withRebuild(StepRecord rebuild) {
        DrillReport s = SampleReports.failed();
        List<StepRecord> steps = new ArrayList<>(s.steps());
        steps.set(1, rebuild);
        return new DrillReport(s.schemaVersion(), s.kind(), s.drillId(), s.verdict(), s.verdictReason(), s.startedAt(), s.finishedAt(),
                s.objectives(), s.measured(), s.objectiveResults(), steps, s.integrity(), s.evidence(), s.findings(), s.runs(),
                s.transientRetries(), s.restore());
    }

    static final List<ResourceTiming> OK = List.of(
            new ResourceTiming(GROUP, "rg", "create", T, T.plusMillis(1500), false, null),
            new ResourceTiming(ACCOUNT, "recovery data", "create", T.plusMillis(1500), T.plusMillis(13_800), false, null));

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theOperationsReadBackFromTheLinesTheRebuildWrites() {
        ResourceTiming failed = new ResourceTiming(ACCOUNT, "data", "create", T, T.plusMillis(2250), true,
                "quota exceeded 2026-11-24T03:00:00Z 2026-11-24T03:00:01Z 1.000s twice");
        List<ResourceTiming> written = new ArrayList<>(OK);
        written.add(failed);

        List<ResourceOperation> read = ResourceOperation.of(new StepRecord("rebuild", T, T.plusSeconds(20), 20, StepStatus.ABORTED,
                "x", details(written)));

        assertEquals(3, read.size());
        ResourceOperation account = read.get(1);
        assertEquals(List.of("create", ACCOUNT, "recovery data", T.plusMillis(1500), T.plusMillis(13_800)),
                List.of(account.op(), account.type(), account.name(), account.startedAt(), account.finishedAt()));
        assertEquals(12.3, account.durationSeconds(), 1e-9);
        assertFalse(account.failed());
        assertEquals("StorageAccount", account.shortType());
        ResourceOperation f = read.get(2);
        assertTrue(f.failed());
        assertEquals("data", f.name(), "a message that looks like a timing does not stretch the name");
        assertEquals(2.25, f.durationSeconds(), 1e-9);
        assertEquals(List.of(), ResourceOperation.of(SampleReports.failed().steps().get(1)), "a local rebuild has none");
    }

    @Test
    void junitXmlHasOneTimedTestCasePerResourceOperation() throws Exception {
        DrillReport r = withRebuild(new StepRecord("rebuild", T, T.plusSeconds(14), 14, StepStatus.SUCCEEDED, null, details(OK)));

        Document doc = parse(JunitReportRenderer.render(r));

        NodeList suites = doc.getElementsByTagName("testsuite");
        Element resources = (Element) suites.item(suites.getLength() - 1);
        assertEquals("drp.rebuild.resources", resources.getAttribute("name"));
        NodeList cases = resources.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        Element account = (Element) cases.item(1);
        assertEquals("drp.rebuild." + ACCOUNT, account.getAttribute("classname"));
        assertEquals("create recovery data", account.getAttribute("name"));
        assertEquals("12.300", account.getAttribute("time"));
        assertEquals("11", doc.getDocumentElement().getAttribute("tests"), "4 objectives + 5 steps + 2 resource operations");
    }

    @Test
    void aFailedResourceIsAFailureNamingItWithTheStepsMessage() throws Exception {
        List<ResourceTiming> timings = List.of(OK.get(0),
                new ResourceTiming(ACCOUNT, "data", "create", T.plusMillis(1500), T.plusMillis(4000), true, "see the step's message"));
        String message = "pulumi up on stack recovery-drill-abcd: " + ACCOUNT + " data failed to create: StorageAccountAlreadyTaken";
        DrillReport r = withRebuild(new StepRecord("rebuild", T, T.plusSeconds(4), 4, StepStatus.ABORTED, message, details(timings)));

        Document doc = parse(JunitReportRenderer.render(r));

        List<String> failed = new ArrayList<>();
        NodeList failures = doc.getElementsByTagName("failure");
        for (int i = 0; i < failures.getLength(); i++) {
            Element f = (Element) failures.item(i);
            if (f.getAttribute("type").equals("ResourceFailed")) failed.add(((Element) f.getParentNode()).getAttribute("name") + ": " + f.getAttribute("message"));
        }
        assertEquals(List.of("create data: " + ACCOUNT + " data failed to create: " + message), failed);
        assertEquals(1, doc.getElementsByTagName("error").getLength(), "the rebuild step itself is still the error");
    }

    @Test
    void theTimelineDrawsEachResourceOperationAsASubBarUnderTheRebuild() {
        DrillReport r = withRebuild(new StepRecord("rebuild", T, T.plusSeconds(14), 14, StepStatus.SUCCEEDED, null, details(OK)));

        String svg = TimelineChart.svg(r, 700);
        String plain = TimelineChart.svg(SampleReports.failed(), 700);

        int rebuild = svg.indexOf("rebuild (14 s)"), group = svg.indexOf("1. create ResourceGroup rg (1.5 s)"),
                account = svg.indexOf("2. create StorageAccount recovery data (12.3 s)"), restore = svg.indexOf("restore (9 min 57 s)");
        assertTrue(rebuild >= 0 && group > rebuild && account > group && restore > account,
                "sub-bars sit between the rebuild and the next step: " + List.of(rebuild, group, account, restore));
        assertTrue(height(svg) > height(plain), "the sub-bars make the chart taller, not the bars thinner");
    }

    private static int height(String svg) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("height='(\\d+)").matcher(svg);
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }
}
