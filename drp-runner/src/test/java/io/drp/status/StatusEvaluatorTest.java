package io.drp.status;

import io.drp.config.ScenarioObjectives;
import io.drp.config.ServiceConfig;
import io.drp.ledger.LedgerRecord;
import io.drp.model.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final ServiceConfig ORDERS = new ServiceConfig("orders", List.of("orders"), Map.of(
            "level-1", new ScenarioObjectives("level-1", Duration.ofMinutes(30), Duration.ofHours(1), 0, 0),
            "tight", new ScenarioObjectives("tight", Duration.ofHours(4), Duration.ofMinutes(20), 0, 9)));
    private static final ServiceConfig MEDIA = new ServiceConfig("media", List.of("media"), Map.of(
            "level-3", new ScenarioObjectives("level-3", Duration.ofHours(4), Duration.ofHours(24), 0, 0)));

    private static LedgerRecord drill(String id, Verdict v, Instant finished, String kind) {
        return new LedgerRecord(1, id, v, "level-3", finished.minusSeconds(600), finished, 500.0, 60.0, "c/000001", "a", "b", "c", kind, null);
    }

    private static RecoveryStatus evaluate(BackupFacts facts, List<LedgerRecord> ledger) {
        return StatusEvaluator.evaluate(List.of(ORDERS, MEDIA), facts, ledger, Duration.ofDays(7), NOW, null);
    }

    @Test
    void freshPointsIntactChainAndARecentPassedDrillAreHealthy() {
        RecoveryStatus s = evaluate(BackupFacts.point("c1/000003", NOW.minus(Duration.ofMinutes(15))),
                List.of(drill("d1", Verdict.PASSED, NOW.minus(Duration.ofDays(6)), "drill")));

        assertTrue(s.healthy(), s.problems().toString());
        assertEquals(900.0, s.backups().ageSeconds());
        assertEquals("tight", s.services().get(0).rpoScenario(), "the tightest RPO of the service is the one watched");
        assertEquals(1200.0, s.services().get(0).rpoSeconds());
        assertEquals(6 * 86400.0, s.lastDrill().ageSeconds());
    }

    @Test
    void aPointOlderThanOneServicesRpoIsUnhealthyForThatServiceOnly() {
        RecoveryStatus s = evaluate(BackupFacts.point("c1/000003", NOW.minus(Duration.ofMinutes(25))),
                List.of(drill("d1", Verdict.PASSED, NOW.minus(Duration.ofHours(1)), "drill")));

        assertFalse(s.healthy());
        assertFalse(s.services().get(0).withinRpo());
        assertTrue(s.services().get(1).withinRpo());
        assertEquals(List.of("orders: the newest restorable point is 25m old, over its RPO of 20m (tight)"), s.problems());
    }

    @Test
    void aBrokenChainIsUnhealthyButAnIncompleteNewestPointOnlyWarns() {
        BackupFacts broken = new BackupFacts("c1/000002", NOW.minusSeconds(60), true,
                List.of("point c1/000004 is missing from chain c1 (a gap); point c1/000005 cannot be used"), List.of(), List.of("c1/000006"));
        RecoveryStatus s = evaluate(broken, List.of(drill("d1", Verdict.PASSED, NOW, "drill")));
        assertFalse(s.healthy());
        assertFalse(s.backups().linksIntact());
        assertEquals(1, s.problems().size());
        assertTrue(s.problems().get(0).startsWith("broken chain: point c1/000004"), s.problems().toString());

        BackupFacts running = new BackupFacts("c1/000002", NOW.minusSeconds(60), true, List.of(), List.of(), List.of("c1/000003"));
        RecoveryStatus r = evaluate(running, List.of(drill("d1", Verdict.PASSED, NOW, "drill")));
        assertTrue(r.healthy(), r.problems().toString());
        assertEquals(List.of("c1/000003"), r.backups().incompletePoints());
        assertEquals(1, r.warnings().size());
    }

    @Test
    void anUnsignedChainIsAProblemUnlessAcceptedByNameAndASignedOneNamesItsKeys() {
        List<LedgerRecord> drilled = List.of(drill("d1", Verdict.PASSED, NOW, "drill"));
        BackupFacts.Signing none = new BackupFacts.Signing(false, false, List.of());
        BackupFacts.Signing accepted = new BackupFacts.Signing(false, true, List.of());
        BackupFacts.Signing signed = new BackupFacts.Signing(true, false, List.of("0123456789abcdef"));

        RecoveryStatus unsigned = evaluate(new BackupFacts("c1/000002", NOW.minusSeconds(60), true, List.of(), List.of(), List.of(), none), drilled);
        RecoveryStatus optOut = evaluate(new BackupFacts("c1/000002", NOW.minusSeconds(60), true, List.of(), List.of(), List.of(), accepted), drilled);
        RecoveryStatus ok = evaluate(new BackupFacts("c1/000002", NOW.minusSeconds(60), true, List.of(), List.of(), List.of(), signed), drilled);

        assertFalse(unsigned.healthy());
        assertTrue(unsigned.problems().get(0).contains("not authenticated") && unsigned.problems().get(0).contains("unsigned: accept"),
                unsigned.problems().toString());
        assertEquals(Boolean.FALSE, unsigned.backups().signed());
        assertTrue(optOut.healthy(), optOut.problems().toString());
        assertTrue(optOut.warnings().get(0).contains("not authenticated"), optOut.warnings().toString());
        assertTrue(ok.healthy(), ok.problems().toString());
        assertEquals(Boolean.TRUE, ok.backups().signed());
        assertEquals(List.of("0123456789abcdef"), ok.backups().keyIds());
    }

    @Test
    void nothingRestorableIsUnhealthyWithAnInfiniteAge() {
        RecoveryStatus s = evaluate(new BackupFacts(null, null, false, List.of(), List.of(), List.of()),
                List.of(drill("d1", Verdict.PASSED, NOW, "drill")));
        assertFalse(s.healthy());
        assertNull(s.backups().ageSeconds());
        assertFalse(s.services().get(1).withinRpo());
        assertTrue(OpenMetrics.render(s).contains("drp_recovery_point_age_seconds{service=\"media\"} +Inf\n"));
    }

    @Test
    void theLastDrillMustBeRecentPassedAndADrill() {
        Instant eightDaysAgo = NOW.minus(Duration.ofDays(8));
        RecoveryStatus old = evaluate(BackupFacts.point("c/000001", NOW), List.of(drill("d1", Verdict.PASSED, eightDaysAgo, "drill")));
        assertFalse(old.healthy());
        assertTrue(old.problems().get(0).contains("finished 8d ago, longer than drill.maxAge 7d"), old.problems().toString());

        RecoveryStatus failed = evaluate(BackupFacts.point("c/000001", NOW), List.of(drill("d2", Verdict.FAILED, NOW, "drill")));
        assertFalse(failed.healthy());

        // a later restore does not prove that drills still work: the drill before it is the one judged
        RecoveryStatus restoreAfter = evaluate(BackupFacts.point("c/000001", NOW), List.of(drill("d1", Verdict.PASSED, eightDaysAgo, "drill"),
                drill("r1", Verdict.PASSED, NOW, "restore")));
        assertEquals("d1", restoreAfter.lastDrill().drillId());
        assertFalse(restoreAfter.healthy());

        RecoveryStatus never = evaluate(BackupFacts.point("c/000001", NOW), List.of());
        assertNull(never.lastDrill());
        assertFalse(never.healthy());
    }

    @Test
    void aBrokenLedgerIsAProblemAndOnlyTheDrillsBeforeTheBreakCount() {
        BackupFacts fresh = BackupFacts.point("c1/000003", NOW.minus(Duration.ofMinutes(5)));
        var broken = new io.drp.ledger.LedgerVerification(false, 2, 2, "d-forged", "record content does not match its hash (altered)",
                true, false, List.of("0123456789abcdef"), null);
        RecoveryStatus s = StatusEvaluator.evaluate(List.of(ORDERS, MEDIA), fresh,
                new io.drp.ledger.LedgerRead(List.of(drill("d1", Verdict.FAILED, NOW.minusSeconds(60), "drill")), broken), Duration.ofDays(7), NOW, null);

        assertFalse(s.healthy());
        assertEquals("ledger broken at line 2 (drill d-forged): record content does not match its hash (altered); last verified drill: d1 FAILED; "
                + "run 'drp verify-ledger'", s.problems().get(0));
        assertEquals("d1", s.lastDrill().drillId());
        assertEquals(new RecoveryStatus.Ledger(false, 1, "signed (key 0123456789abcdef), signatures not checked (no public key configured)",
                "line 2 (drill d-forged): record content does not match its hash (altered)"), s.ledger());

        var intact = new io.drp.ledger.LedgerVerification(true, 1, 0, null, null, false, false, List.of(), "ledger.jsonl ends in a torn line");
        RecoveryStatus ok = StatusEvaluator.evaluate(List.of(ORDERS, MEDIA), fresh,
                new io.drp.ledger.LedgerRead(List.of(drill("d1", Verdict.PASSED, NOW.minusSeconds(60), "drill")), intact), Duration.ofDays(7), NOW, null);
        assertTrue(ok.healthy(), ok.problems().toString());
        assertEquals(List.of("ledger.jsonl ends in a torn line"), ok.warnings());
        assertEquals("unsigned", ok.ledger().signing());
    }
}
