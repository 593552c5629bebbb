package io.drp.model;

import java.time.Instant;

/**
 * One drill or restore as the history page shows it: the ledger's record, with the objectives it was judged
 * against. The ledger does not hold objectives, so they come from the archived report the record names, and are
 * null when that report is not archived (or a restore judged no scenario).
 */
public record HistoryRun(
        long seq,
        String kind,
        String drillId,
        Verdict verdict,
        String scenario,
        Instant finishedAt,
        Double rtoSeconds,
        Double rpoSeconds,
        Double rtoObjectiveSeconds,
        Double rpoObjectiveSeconds,
        String reportSha256,
        Archive archive) {

    /** Whether the report the record names can be read, and still hashes to what the record holds. */
    public enum Archive { ARCHIVED, MISSING, ALTERED }

    public boolean drill() {
        return DrillReport.DRILL.equals(kind);
    }
}
