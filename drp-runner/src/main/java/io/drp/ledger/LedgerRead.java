package io.drp.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The ledger as every reader sees it: only the records that verified, up to the first break, and the verification
 * that says where the break is. There is no other way to read records from outside this package, so no command can
 * judge recovery on a record that a hand-edited line slipped in.
 */
public record LedgerRead(List<LedgerRecord> records, LedgerVerification verification) {

    public LedgerRead {
        records = List.copyOf(records);
    }

    public Optional<LedgerRecord> last() {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
    }

    /** Null when intact; else one line naming the break and saying that what follows it is not shown. */
    public String unverifiedNote() {
        LedgerVerification v = verification;
        if (v.intact()) return null;
        return "ledger broken at " + v.problem() + "; records from line " + v.brokenAt() + " on are unverified and not shown ("
                + records.size() + " verified record(s) before it)";
    }
}
