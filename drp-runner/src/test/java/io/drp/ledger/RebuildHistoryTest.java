package io.drp.ledger;

import io.drp.model.DrillReport;
import io.drp.model.RebuildEstimate;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.recovery.rebuild.ResourceTiming;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dry run's rebuild estimate, from resource timings that past drills left in their ledger records. */
class RebuildHistoryTest {

    static final Instant T = Instant.parse("2026-11-24T03:00:00Z");
    static final String ACCOUNT = "azure-native:storage:StorageAccount";
    static final String CONTAINER = "azure-native:storage:BlobContainer";
    static final String WEBAPP = "azure-native:web:WebApp";

    /** A drill whose rebuild step timed these operations, written as the Pulumi target writes them. */
    static DrillReport drill(List<ResourceTiming> timings) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("stack", "recovery-drill-abcd");
        d.put("resourceOperations", String.valueOf(timings.size()));
        for (int i = 0; i < timings.size(); i++) d.put(String.format("resource%03d", i + 1), timings.get(i).line());
        DrillReport s = SampleReportsAccess.failed();
        List<StepRecord> steps = new ArrayList<>(s.steps());
        steps.set(1, new StepRecord("rebuild", T, T.plusSeconds(60), 60, StepStatus.SUCCEEDED, null, d));
        return new DrillReport(s.schemaVersion(), s.kind(), s.drillId(), s.verdict(), s.verdictReason(), s.startedAt(), s.finishedAt(),
                s.objectives(), s.measured(), s.objectiveResults(), steps, s.integrity(), s.evidence(), s.findings(), s.runs(),
                s.transientRetries(), s.restore());
    }

    static ResourceTiming create(String type, String name, long millis) {
        return new ResourceTiming(type, name, "create", T, T.plusMillis(millis), false, null);
    }

    static void append(DrillLedger l, DrillReport r) {
        l.append(r, ReportJson.toJson(r).getBytes(StandardCharsets.UTF_8));
    }

    static final List<String> PLANNED = List.of("create " + ACCOUNT + " recovery-data", "create " + CONTAINER + " recovery-data-orders",
            "create " + CONTAINER + " recovery-data-invoices", "create " + CONTAINER + " recovery data media", "create " + WEBAPP + " recovery-app");

    @Test
    void theEstimateIsTheMedianOfPastCreatesPerTypeTimesThePlannedCountSummed(@TempDir Path tmp) {
        DrillLedger l = new DrillLedger(tmp, Optional.empty());
        append(l, drill(List.of(create(ACCOUNT, "a", 20_000), create(CONTAINER, "o", 3_000), create(CONTAINER, "i", 5_000))));
        append(l, drill(List.of(create(ACCOUNT, "a", 31_500), create(CONTAINER, "o", 4_000), create(CONTAINER, "i", 8_000),
                // a failed create and an update say nothing about how long a create takes
                new ResourceTiming(ACCOUNT, "b", "create", T, T.plusSeconds(2), true, "quota exceeded"),
                new ResourceTiming(ACCOUNT, "a", "update", T, T.plusSeconds(90), false, null))));

        RebuildEstimate e = RebuildHistory.estimate(tmp, PLANNED);

        assertEquals(2, e.pastDrills());
        RebuildEstimate.Line account = e.lines().get(0), containers = e.lines().get(1), app = e.lines().get(2);
        assertEquals(List.of("create", ACCOUNT, 1, 2), List.of(account.op(), account.type(), account.count(), account.samples()));
        double accountMedian = (20.0 + 31.5) / 2; // two samples: the mean of both
        assertEquals(accountMedian, account.medianSeconds(), 1e-9);
        assertEquals(List.of(CONTAINER, 3, 4), List.of(containers.type(), containers.count(), containers.samples()));
        double containerMedian = (4.0 + 5.0) / 2; // 3, 4, 5, 8: the middle two
        assertEquals(containerMedian, containers.medianSeconds(), 1e-9);
        assertEquals(List.of(WEBAPP, 1, 0), List.of(app.type(), app.count(), app.samples()));
        assertNull(app.medianSeconds(), "no web app was ever created in a drill");
        assertEquals(3, e.lines().size());
        assertEquals(accountMedian + 3 * containerMedian, e.serialSeconds(), 1e-9, "summed, one after another; the app adds nothing");
        assertEquals(List.of(WEBAPP), e.withoutHistory());
    }

    @Test
    void withNoPastTimingsEveryTypeHasNoHistory(@TempDir Path tmp) {
        DrillLedger l = new DrillLedger(tmp, Optional.empty());
        append(l, SampleReportsAccess.failed()); // a drill on the local target: nothing timed

        RebuildEstimate e = RebuildHistory.estimate(tmp, PLANNED);

        assertEquals(0, e.pastDrills());
        assertEquals(List.of(ACCOUNT, CONTAINER, WEBAPP), e.withoutHistory());
        assertEquals(0.0, e.serialSeconds());
        assertEquals(List.of(), RebuildHistory.estimate(tmp.resolve("no-ledger-here"), List.of()).lines());
    }

    @Test
    void onlyTheRecentDrillsCount(@TempDir Path tmp) {
        DrillLedger l = new DrillLedger(tmp, Optional.empty());
        append(l, drill(List.of(create(ACCOUNT, "a", 500_000)))); // long ago, before the region got faster
        for (int i = 0; i < 10; i++) append(l, drill(List.of(create(ACCOUNT, "a", 10_000))));

        RebuildEstimate e = RebuildHistory.estimate(tmp, List.of("create " + ACCOUNT + " x"));

        assertEquals(10, e.pastDrills());
        assertEquals(10.0, e.lines().get(0).medianSeconds(), 1e-9);
    }

    @Test
    void timingsAreKeptByTypeInTheSignedChainAndAnEditedTimingBreaksIt(@TempDir Path tmp) throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DrillLedger l = new DrillLedger(tmp, Optional.empty(), Optional.of(kp.getPrivate()));
        append(l, SampleReportsAccess.failed());
        append(l, drill(List.of(create(ACCOUNT, "recovery-data", 41_700), create(CONTAINER, "recovery-data-orders", 1_300))));

        assertTrue(l.verify(Optional.of(kp.getPublic())).intact(), l.verify(Optional.of(kp.getPublic())).reason());
        List<String> lines = new ArrayList<>(Files.readAllLines(l.file()));
        assertFalse(lines.get(0).contains("resourceSeconds"), "a run without a Pulumi rebuild is written as before");
        assertTrue(lines.get(1).contains("\"create " + ACCOUNT + "\":[41.7]"), lines.get(1));
        assertFalse(lines.get(1).contains("recovery-data"), "types, not names: names change with every drill stack");
        assertEquals(Map.of("create " + ACCOUNT, List.of(41.7), "create " + CONTAINER, List.of(1.3)), l.read().records().get(1).resourceSeconds());

        lines.set(1, lines.get(1).replace("[41.7]", "[4.17]"));
        Files.write(l.file(), lines);
        LedgerVerification v = l.verify(Optional.of(kp.getPublic()));

        assertFalse(v.intact());
        assertEquals(2, v.brokenAt());
        assertTrue(v.reason().contains("altered"), v.reason());
    }

    @Test
    void aForgedRecordMovesNoEstimateAndTheBreakIsNamed(@TempDir Path tmp) throws Exception {
        DrillLedger l = new DrillLedger(tmp, Optional.empty());
        append(l, drill(List.of(create(ACCOUNT, "a", 20_000))));
        append(l, drill(List.of(create(ACCOUNT, "a", 30_000))));
        // the last record edited by hand: its account create now took 1 s
        List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(l.file()));
        lines.set(1, lines.get(1).replace("30.0", "1.0"));
        java.nio.file.Files.write(l.file(), lines);

        RebuildEstimate e = RebuildHistory.estimate(tmp, List.of("create " + ACCOUNT + " x"));

        assertEquals(1, e.pastDrills());
        assertEquals(20.0, e.lines().get(0).medianSeconds(), 1e-9);
        assertTrue(e.ledgerNote().startsWith("ledger broken at line 2"), e.ledgerNote());
    }
}
