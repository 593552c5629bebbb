package io.drp.ledger;

/** Result of checking the chain. {@code brokenAt} is the 1-based line of the first bad record, or 0. */
public record LedgerVerification(boolean intact, long records, long brokenAt, String brokenDrillId, String reason) {

    static LedgerVerification ok(long records) {
        return new LedgerVerification(true, records, 0, null, null);
    }

    static LedgerVerification broken(long records, long line, String drillId, String reason) {
        return new LedgerVerification(false, records, line, drillId, reason);
    }
}
