package io.drp.recovery;

/** What happens to the rebuilt environment once the report is written. */
public enum TeardownPolicy {
    /** A drill that completed removes what it rebuilt; an aborted one keeps it for {@code --resume}. */
    AFTER_COMPLETION,
    /** {@code --keep}: left in place for inspection. */
    KEEP,
    /** A real recovery: the recovered environment is the point of the run. */
    NEVER
}
