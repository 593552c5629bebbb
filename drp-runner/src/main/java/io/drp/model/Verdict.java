package io.drp.model;

/** Outcome of a drill, ordered from best to worst so that runs can be combined with max(). */
public enum Verdict {
    /** Every objective was met. */
    PASSED,
    /** The drill ran to the end, but at least one objective was missed. */
    FAILED,
    /** The drill could not complete (infrastructure, storage or backup error). */
    ABORTED
}
