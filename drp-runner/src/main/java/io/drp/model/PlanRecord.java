package io.drp.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a run's recovery plan did, group by group and action by action. {@code serviceRestoredAt} is when the last
 * group's last action succeeded: the end of the service's RTO (null when the plan did not complete, or when the plan
 * is the built-in one with no actions and the RTO ends at data verification as before).
 */
public record PlanRecord(String name, StepStatus status, Instant serviceRestoredAt, List<GroupRecord> groups) {

    public PlanRecord {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(status, "'status' cannot be null.");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** One group: its services, and its before/after actions in the order they ran. {@code rtoSeconds}: its own objective, if any. */
    public record GroupRecord(String name, List<String> services, Instant startedAt, Instant finishedAt, StepStatus status,
                              String message, Double rtoSeconds, List<ActionRecord> actions) {
        public GroupRecord {
            services = services == null ? List.of() : List.copyOf(services);
            actions = actions == null ? List.of() : List.copyOf(actions);
        }
    }

    /**
     * One action. {@code waitedSeconds}: for a manual gate, the time spent waiting for a person, apart from machine
     * time. {@code attempts}: every try that did not pass (for http each poll, for run each retry), with its answer.
     * {@code log}: the redacted output file of a run action, relative to the report.
     */
    public record ActionRecord(String name, String kind, String phase, Instant startedAt, Instant finishedAt, double durationSeconds,
                               StepStatus status, String message, int tries, Double waitedSeconds, List<String> attempts, String log) {
        public ActionRecord {
            Objects.requireNonNull(name, "'name' cannot be null.");
            Objects.requireNonNull(status, "'status' cannot be null.");
            attempts = attempts == null ? List.of() : List.copyOf(attempts);
        }
    }
}
