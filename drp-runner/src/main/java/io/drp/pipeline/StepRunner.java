package io.drp.pipeline;

import io.drp.model.StepRecord;
import io.drp.model.StepStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs steps in order and records each one. The first step that throws ABORTS the run; every later step
 * is recorded as SKIPPED, never silently dropped, because a report that hides what did not run misleads
 * the auditor. A signal can ask for a {@link #snapshot} at any moment, including mid-step.
 */
public final class StepRunner<S> {

    private final Timeline timeline;
    private final Function<Throwable, String> describe;
    private final Consumer<String> onAbort;
    private final RunGuard guard;
    private final List<StepRecord> records = new ArrayList<>();
    private String abortReason;
    private String current;
    private Instant currentBegin;
    private long currentBeginNanos;

    /**
     * @param describe turns a failure into the one line the report shows (already redacted)
     * @param onAbort  told the name of a step that aborted (e.g. to close its progress bar)
     */
    public StepRunner(Timeline timeline, Function<Throwable, String> describe, Consumer<String> onAbort) {
        this(timeline, describe, onAbort, RunGuard.NONE);
    }

    /** @param guard checked before each step: a step does not start once the run must stop */
    public StepRunner(Timeline timeline, Function<Throwable, String> describe, Consumer<String> onAbort, RunGuard guard) {
        this.timeline = timeline;
        this.describe = describe;
        this.onAbort = onAbort;
        this.guard = guard;
    }

    public void runAll(List<? extends Step<S>> steps, S state) {
        for (Step<S> step : steps) run(step, state);
    }

    public void run(Step<S> step, S state) {
        Instant begin = timeline.now();
        synchronized (this) {
            if (abortReason != null) {
                records.add(new StepRecord(step.name(), begin, begin, 0, StepStatus.SKIPPED, "skipped: an earlier step aborted", Map.of()));
                return;
            }
        }
        var skip = step.skipReason(state);
        if (skip.isPresent()) {
            record(new StepRecord(step.name(), begin, begin, 0, StepStatus.SKIPPED, skip.get(), Map.of()));
            return;
        }
        long n0 = timeline.nanos();
        synchronized (this) {
            current = step.name();
            currentBegin = begin;
            currentBeginNanos = n0;
        }
        try {
            guard.check();
            Map<String, Object> details = step.run(state, timeline);
            long n1 = timeline.nanos();
            record(new StepRecord(step.name(), begin, begin.plusNanos(n1 - n0), Timeline.seconds(n1 - n0), StepStatus.SUCCEEDED,
                    null, details == null ? Map.of() : details));
        } catch (RuntimeException | Error e) {
            long n1 = timeline.nanos();
            // a step that fails once the run was told to stop (say the embedded emulator went down with the JVM)
            // failed because of the stop: the report leads with why the run stopped
            String stop = e instanceof RunGuard.Stopped ? null : guard.stopReason();
            String message = stop == null ? describe.apply(e) : stop + "; the step then failed: " + describe.apply(e);
            synchronized (this) {
                abortReason = step.name() + ": " + message;
                records.add(new StepRecord(step.name(), begin, begin.plusNanos(n1 - n0), Timeline.seconds(n1 - n0),
                        StepStatus.ABORTED, message, e instanceof DetailedFailure d ? d.details() : Map.of()));
            }
            onAbort.accept(step.name());
        } finally {
            synchronized (this) {
                current = null;
            }
        }
    }

    /** Adds a record for work the runner did not time itself (e.g. a teardown that was not attempted). */
    public synchronized void record(StepRecord record) {
        records.add(record);
    }

    public synchronized List<StepRecord> records() {
        return List.copyOf(records);
    }

    /** Null while every step has succeeded or been skipped by choice. */
    public synchronized String abortReason() {
        return abortReason;
    }

    public synchronized String currentStep() {
        return current;
    }

    /** The records so far, with the step in flight (if any) closed as ABORTED for {@code why}. */
    public synchronized List<StepRecord> snapshot(String why) {
        List<StepRecord> out = new ArrayList<>(records);
        if (current != null) {
            long n = timeline.nanos();
            out.add(new StepRecord(current, currentBegin, currentBegin.plusNanos(n - currentBeginNanos),
                    Timeline.seconds(n - currentBeginNanos), StepStatus.ABORTED, why, Map.of()));
        }
        return out;
    }
}
