package io.drp.pipeline;

import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StepRunnerTest {

    private static final Instant T = Instant.parse("2026-11-24T03:00:00Z");

    /** A monotonic ticker the test advances by hand: steps "take" exactly as long as the test says. */
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Timeline timeline = new Timeline(Clock.fixed(T, ZoneOffset.UTC), nanos::get);
    private final List<String> aborted = new ArrayList<>();
    private final StepRunner<List<String>> runner = new StepRunner<>(timeline, e -> "boom: " + e.getMessage(), aborted::add);

    private Step<List<String>> step(String name, long tookMillis, BiFunction<List<String>, Timeline, Map<String, Object>> body) {
        return new Step<>() {
            public String name() { return name; }
            public Map<String, Object> run(List<String> s, Timeline t) {
                s.add(name);
                nanos.addAndGet(tookMillis * 1_000_000);
                return body.apply(s, t);
            }
        };
    }

    @Test
    void stepsAreTimedOnTheMonotonicTickerFromTheWallClockAnchor() {
        List<String> state = new ArrayList<>();
        runner.runAll(List.of(step("plan", 250, (s, t) -> Map.of("points", 3)), step("restore", 1_500, (s, t) -> null)), state);

        List<StepRecord> r = runner.records();
        assertEquals(List.of("plan", "restore"), state);
        assertEquals(T, r.get(0).startedAt());
        assertEquals(0.25, r.get(0).durationSeconds());
        assertEquals(T.plusMillis(250), r.get(1).startedAt());
        assertEquals(T.plusMillis(1_750), r.get(1).finishedAt());
        assertEquals(Map.of("points", 3), r.get(0).details());
        assertNull(runner.abortReason());
    }

    @Test
    void aFailingStepAbortsTheRunAndLaterStepsAreRecordedAsSkippedNotRun() {
        List<String> state = new ArrayList<>();
        runner.runAll(List.of(step("plan", 10, (s, t) -> Map.of()),
                step("rebuild", 20, (s, t) -> { throw new IllegalStateException("no account"); }),
                step("restore", 30, (s, t) -> Map.of())), state);

        assertEquals(List.of("plan", "rebuild"), state);
        assertEquals(List.of(StepStatus.SUCCEEDED, StepStatus.ABORTED, StepStatus.SKIPPED),
                runner.records().stream().map(StepRecord::status).toList());
        assertEquals("boom: no account", runner.records().get(1).message());
        assertEquals("rebuild: boom: no account", runner.abortReason());
        assertEquals(List.of("rebuild"), aborted);
    }

    @Test
    void aStepCanDeclineForThisRunWithoutAbortingIt() {
        Step<List<String>> rebuild = new Step<>() {
            public String name() { return "rebuild"; }
            public Map<String, Object> run(List<String> s, Timeline t) { throw new AssertionError("must not run"); }
            public Optional<String> skipReason(List<String> s) { return Optional.of("restoring into production"); }
        };
        runner.runAll(List.of(rebuild, step("restore", 5, (s, t) -> Map.of())), new ArrayList<>());

        assertEquals(StepStatus.SKIPPED, runner.records().get(0).status());
        assertEquals("restoring into production", runner.records().get(0).message());
        assertEquals(StepStatus.SUCCEEDED, runner.records().get(1).status());
        assertNull(runner.abortReason());
    }

    @Test
    void aSnapshotTakenMidStepClosesTheStepInFlightAsAborted() {
        List<List<StepRecord>> seen = new ArrayList<>();
        runner.runAll(List.of(step("plan", 100, (s, t) -> Map.of()), step("restore", 400, (s, t) -> {
            seen.add(runner.snapshot("interrupted"));
            return Map.of();
        })), new ArrayList<>());

        List<StepRecord> snap = seen.get(0);
        assertEquals(2, snap.size());
        assertEquals(StepStatus.ABORTED, snap.get(1).status());
        assertEquals("interrupted", snap.get(1).message());
        assertEquals(0.4, snap.get(1).durationSeconds());
        assertEquals(StepStatus.SUCCEEDED, runner.records().get(1).status());
    }

    @Test
    void aStepThatFailsAfterTheStopSignalIsReportedAsStoppedFirst() {
        java.util.concurrent.atomic.AtomicReference<String> stop = new java.util.concurrent.atomic.AtomicReference<>();
        StepRunner<List<String>> guarded = new StepRunner<>(timeline, e -> "boom: " + e.getMessage(), aborted::add, stop::get);
        guarded.runAll(List.of(step("restore", 10, (s, t) -> {
            stop.set("the drill was stopped by a signal (Ctrl-C or SIGTERM)");
            throw new IllegalStateException("connection refused"); // the emulator went down with the JVM
        })), new ArrayList<>());

        assertEquals("restore: the drill was stopped by a signal (Ctrl-C or SIGTERM); the step then failed: boom: connection refused",
                guarded.abortReason());
        assertEquals(StepStatus.ABORTED, guarded.records().get(0).status());
    }
}
