package io.drp.ledger;

import io.drp.model.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One drill in the history. {@code prevSha256} is the previous record's {@code recordSha256} (64 zeros for
 * the first), and {@code recordSha256} covers every other field in canonical form: altering, reordering or
 * deleting a past record breaks the chain at the record after it. {@code kind} is "drill" or "restore"; it enters
 * the canonical form only for restores, so the hashes of records written before it existed still verify.
 * {@code signature} (Ed25519, base64, over the canonical form) is present when the ledger has a signing key.
 * {@code resourceSeconds} holds the Pulumi rebuild's successful resource operations, keyed {@code <op> <type>}
 * (e.g. {@code create azure-native:storage:StorageAccount}), each a list of seconds: what a later dry run
 * estimates the rebuild from. Empty for runs without a Pulumi rebuild and for records written before it existed;
 * like {@code kind}, it enters the canonical form only when present, so those records' hashes still verify.
 * {@code keyId} names the signing key ({@link LedgerSigning#keyId}); it is in the canonical form, so the record
 * itself states that the ledger is signed and by which key, and stripping it breaks the hash. Records signed
 * before key ids existed have none and are checked against every configured key.
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
        String signature,
        Map<String, List<Double>> resourceSeconds,
        String keyId) {

    public static final String GENESIS = "0".repeat(64);

    public LedgerRecord {
        Objects.requireNonNull(drillId, "'drillId' cannot be null.");
        Objects.requireNonNull(verdict, "'verdict' cannot be null.");
        // records written before real recoveries existed are drills
        kind = kind == null ? "drill" : kind;
        // sorted, so the canonical form is the same however the map was built
        TreeMap<String, List<Double>> sorted = new TreeMap<>();
        if (resourceSeconds != null) resourceSeconds.forEach((k, v) -> sorted.put(k, List.copyOf(v)));
        resourceSeconds = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    /** An unsigned record, or one signed before key ids existed. */
    public LedgerRecord(long seq, String drillId, Verdict verdict, String scenario, Instant disasterAt, Instant finishedAt,
                        Double rtoSeconds, Double rpoSeconds, String recoveryPoint, String reportSha256, String prevSha256,
                        String recordSha256, String kind, String signature, Map<String, List<Double>> resourceSeconds) {
        this(seq, drillId, verdict, scenario, disasterAt, finishedAt, rtoSeconds, rpoSeconds, recoveryPoint, reportSha256, prevSha256,
                recordSha256, kind, signature, resourceSeconds, null);
    }

    /** A record without rebuild timings, as every record was before they were kept. */
    public LedgerRecord(long seq, String drillId, Verdict verdict, String scenario, Instant disasterAt, Instant finishedAt,
                        Double rtoSeconds, Double rpoSeconds, String recoveryPoint, String reportSha256, String prevSha256,
                        String recordSha256, String kind, String signature) {
        this(seq, drillId, verdict, scenario, disasterAt, finishedAt, rtoSeconds, rpoSeconds, recoveryPoint, reportSha256, prevSha256,
                recordSha256, kind, signature, Map.of(), null);
    }
}
