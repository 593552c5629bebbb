package io.drp.ledger;

/**
 * A second copy of the ledger outside the machine that ran the drill, so that deleting the local file
 * (or its last records) is detectable too.
 */
public interface LedgerMirror {

    /** Stores one record; must never overwrite an existing one. */
    void put(LedgerRecord record, String canonicalJson);

    /** Number of records held, to detect a truncated local ledger. */
    long count();

    /** Every mirrored record by sequence number, as the exact line that was stored, to compare content. */
    java.util.Map<Long, String> lines();

    /** A short description for messages, e.g. the container URL, and whether records are immutable there. */
    String describe();
}
