package io.drp.watch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncidentTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final ProbeResult API_DOWN = new ProbeResult("api", ProbeResult.Kind.FUNCTIONAL, false, "HTTP 503");
    private static final ProbeResult API_UP = new ProbeResult("api", ProbeResult.Kind.FUNCTIONAL, true, "HTTP 200");
    private static final ProbeResult STORAGE_DOWN = new ProbeResult("storage", ProbeResult.Kind.INFRASTRUCTURE, false, "unreachable");
    private static final ProbeResult STORAGE_UP = new ProbeResult("storage", ProbeResult.Kind.INFRASTRUCTURE, true, "answered");

    private final IncidentTracker tracker = new IncidentTracker(Duration.ofMinutes(10));

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static List<Transition.Type> types(IncidentTracker.Round r) {
        return r.transitions().stream().map(Transition::type).toList();
    }

    @Test
    void anOutageShorterThanTheToleranceIsOnlySuspectedThenRecovered() {
        IncidentTracker.Round r = tracker.next(WatchState.up(at(-1)), List.of(API_DOWN, STORAGE_UP), at(0));
        assertEquals(List.of(Transition.Type.SUSPECTED), types(r));
        r = tracker.next(r.state(), List.of(API_DOWN, STORAGE_UP), at(9));
        assertEquals(List.of(), types(r), "9 minutes is within the tolerance");
        assertEquals(WatchState.Phase.SUSPECTED, r.state().phase());
        r = tracker.next(r.state(), List.of(API_UP, STORAGE_UP), at(9).plusSeconds(30));
        assertEquals(List.of(Transition.Type.RECOVERED), types(r));
        assertEquals(570.0, r.transitions().get(0).outageSeconds());
        assertEquals(WatchState.Phase.UP, r.state().phase());
    }

    @Test
    void pastTheToleranceTheIncidentStartsAtTheFirstFailureAndItsLevelComesFromWhatFailed() {
        WatchState s = tracker.next(WatchState.up(at(-1)), List.of(API_DOWN, STORAGE_UP), at(0)).state();
        IncidentTracker.Round declared = tracker.next(s, List.of(API_DOWN, STORAGE_UP), at(10));
        assertEquals(List.of(Transition.Type.DECLARED), types(declared));
        Transition t = declared.transitions().get(0);
        assertEquals(T0, t.incidentStart());
        assertEquals(1, t.level(), "only the functional probe failed: an application failure");
        assertEquals("level-1", t.scenario());
        assertEquals("i20261124-030000", t.incidentId());

        WatchState infra = tracker.next(WatchState.up(at(-1)), List.of(API_DOWN, STORAGE_DOWN), at(0)).state();
        assertEquals(2, tracker.next(infra, List.of(API_DOWN, STORAGE_DOWN), at(12)).transitions().get(0).level(), "storage down: level 2");
    }

    @Test
    void theLevelEscalatesAtThirtyAndFortyFiveMinutesAndNeverGoesDown() {
        IncidentTracker.Round r = tracker.next(WatchState.up(at(-1)), List.of(API_DOWN, STORAGE_UP), at(0));
        r = tracker.next(r.state(), List.of(API_DOWN, STORAGE_UP), at(10));
        r = tracker.next(r.state(), List.of(API_DOWN, STORAGE_UP), at(29));
        assertEquals(List.of(), types(r));
        r = tracker.next(r.state(), List.of(API_DOWN, STORAGE_UP), at(30));
        assertEquals(List.of(Transition.Type.ESCALATED), types(r));
        assertEquals(2, r.state().level());
        r = tracker.next(r.state(), List.of(API_DOWN, STORAGE_DOWN), at(44));
        assertEquals(List.of(), types(r), "storage failing too is level 2: already there");
        r = tracker.next(r.state(), List.of(API_DOWN, STORAGE_UP), at(45));
        assertEquals(List.of(Transition.Type.ESCALATED), types(r));
        assertEquals(3, r.state().level());
        assertEquals("one or more servers lost; 45 min and more", r.transitions().get(0).levelDescription());
        assertEquals(T0, r.transitions().get(0).incidentStart(), "escalation keeps the incident's start");
        r = tracker.next(r.state(), List.of(API_UP, STORAGE_UP), at(50));
        assertEquals(List.of(Transition.Type.RECOVERED), types(r));
        assertEquals(3, r.transitions().get(0).level());
    }

    @Test
    void aLevelOneIncidentBecomesLevelTwoWhenStorageStopsAnswering() {
        IncidentTracker.Round r = tracker.next(WatchState.up(at(-1)), List.of(API_DOWN, STORAGE_UP), at(0));
        r = tracker.next(r.state(), List.of(API_DOWN, STORAGE_UP), at(10));
        r = tracker.next(r.state(), List.of(API_DOWN, STORAGE_DOWN), at(15));
        assertEquals(List.of(Transition.Type.ESCALATED), types(r));
        assertEquals(2, r.transitions().get(0).level());
    }

    @Test
    void oneAnsweringRoundEndsTheRunAndTheNextFailureStartsANewOutage() {
        IncidentTracker.Round r = tracker.next(WatchState.up(at(-1)), List.of(API_DOWN), at(0));
        r = tracker.next(r.state(), List.of(API_UP), at(8));
        r = tracker.next(r.state(), List.of(API_DOWN), at(9));
        assertEquals(List.of(Transition.Type.SUSPECTED), types(r));
        r = tracker.next(r.state(), List.of(API_DOWN), at(12));
        assertEquals(List.of(), types(r), "only 3 minutes since the new first failure");
        assertEquals(at(9), r.state().outageStart());
        assertNull(r.state().level());
    }

    @Test
    void aRoundWithoutProbesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> tracker.next(WatchState.up(T0), List.of(), T0));
        assertTrue(tracker.next(WatchState.up(T0), List.of(API_UP), T0).transitions().isEmpty());
    }
}
