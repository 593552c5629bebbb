package io.drp.plan;

import io.drp.model.StepStatus;

import java.util.List;

/**
 * How one action ended. FAILED: it ran and did not pass (exit code, last answer); ABORTED: it could not start
 * (no such command, a URL that does not resolve) or the run was stopped. {@code waitedSeconds}: a person's time.
 */
record Outcome(StepStatus status, String message, int tries, List<String> attempts, Double waitedSeconds, String log, List<String> logHead) {

    Outcome {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        logHead = logHead == null ? List.of() : List.copyOf(logHead);
    }

    static Outcome of(StepStatus status, String message, int tries, List<String> attempts) {
        return new Outcome(status, message, tries, attempts, null, null, List.of());
    }
}
