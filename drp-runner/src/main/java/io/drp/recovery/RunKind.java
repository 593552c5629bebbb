package io.drp.recovery;

/** A rehearsal that never touches production, or the real recovery. Both run the same steps. */
public enum RunKind { DRILL, RESTORE }
