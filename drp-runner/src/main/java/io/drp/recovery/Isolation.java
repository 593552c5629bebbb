package io.drp.recovery;

/** Which accounts a run may write. Checked when the engine is built, before anything runs. */
public enum Isolation {
    /** A drill: production and backups must have been opened read-only. */
    REHEARSAL,
    /** A real recovery: the target may be production, which the caller has explicitly confirmed. */
    REAL
}
