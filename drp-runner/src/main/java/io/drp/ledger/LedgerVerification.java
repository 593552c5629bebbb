package io.drp.ledger;

import java.util.List;

/**
 * Result of checking the chain. {@code brokenAt} is the 1-based line of the first bad record, or 0; {@code records}
 * counts the records read up to and including that one. {@code signed}: a record of the verified prefix carries a
 * signature; {@code signaturesChecked}: public keys were given, so every signature of that prefix was checked (without
 * keys, signatures are seen but prove nothing). {@code keyIds}: the signing keys the prefix names. {@code tornTail}:
 * a warning when the file ends in a partial line (an append that did not finish), which is not a record and is cut
 * by the next append; null otherwise.
 */
public record LedgerVerification(boolean intact, long records, long brokenAt, String brokenDrillId, String reason, boolean signed,
                                 boolean signaturesChecked, List<String> keyIds, String tornTail) {

    public LedgerVerification {
        keyIds = keyIds == null ? List.of() : List.copyOf(keyIds);
    }

    static LedgerVerification ok(long records) {
        return new LedgerVerification(true, records, 0, null, null, false, false, List.of(), null);
    }

    static LedgerVerification broken(long records, long line, String drillId, String reason) {
        return new LedgerVerification(false, records, line, drillId, reason, false, false, List.of(), null);
    }

    LedgerVerification withSigning(boolean signed, boolean checked, List<String> keyIds, String tornTail) {
        return new LedgerVerification(intact, records, brokenAt, brokenDrillId, reason, signed, checked, keyIds, tornTail);
    }

    /** Where and why the chain breaks, for one line: {@code line 4 (drill d1): record content does not match ...}. */
    public String problem() {
        return intact ? null : "line " + brokenAt + (brokenDrillId == null ? "" : " (drill " + brokenDrillId + ")") + ": " + reason;
    }

    /** What the signatures prove, in words an operator can act on. */
    public String signing() {
        if (!signed) return "unsigned";
        String keys = keyIds.isEmpty() ? "" : " (key " + String.join(", ", keyIds) + ")";
        return signaturesChecked ? "signed" + keys + ", every signature checked"
                : "signed" + keys + ", signatures not checked (no public key configured)";
    }
}
