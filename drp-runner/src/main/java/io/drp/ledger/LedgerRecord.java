package io.drp.ledger;

import io.drp.model.Verdict;

import java.time.Instant;
import java.util.Objects;

/**
 * One drill in the history. {@code prevSha256} is the previous record's {@code recordSha256} (64 zeros for
 * the first), and {@code recordSha256} covers every other field in canonical form: altering, reordering or
 * deleting a past record breaks the chain at the record after it. {@code kind} is "drill" or "restore"; it enters
 * the canonical form only for restores, so the hashes of records written before it existed still verify.
 * {@code signature} (Ed25519, base64, over the canonical form) is present when the ledger has a signing key.
 */
public record LedgerRecord(
        long seq,
        String drillId,
        Verdict verdict,
        String scenario,
        Instant disasterAt,
        Instant finishedAt,
        Double rtoSeconds,
        Double rpoSeconds,
        String recoveryPoint,
        String reportSha256,
        String prevSha256,
        String recordSha256,
        String kind,
        String signature) {

    public static final String GENESIS = "0".repeat(64);

    public LedgerRecord {
        Objects.requireNonNull(drillId, "'drillId' cannot be null.");
        Objects.requireNonNull(verdict, "'verdict' cannot be null.");
        // records written before real recoveries existed are drills
        kind = kind == null ? "drill" : kind;
    }
}
