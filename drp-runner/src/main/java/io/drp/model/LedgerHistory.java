package io.drp.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything {@code history.html} shows, read once from the ledger and its archive: the runs oldest first, whether
 * the chain (and, with a public key, every signature) verifies, and {@code generatedAt}, the "now" the ages of
 * the last drills are measured from (injected, so a page can be reproduced).
 */
public record LedgerHistory(String ledger, Instant generatedAt, Verification verification, List<HistoryRun> runs) {

    /**
     * {@code problem} names the first broken record, null when intact; the runs are then only those before it.
     * {@code signing} says what the signatures prove ("unsigned", "signed ..., every signature checked", or
     * "signed, signatures not checked (no public key configured)").
     */
    public record Verification(boolean intact, long records, boolean signaturesChecked, String problem, String signing) {}

    /** The newest drill of one scenario and how long ago it finished: a scenario not drilled for months is a finding in itself. */
    public record LastDrill(String scenario, HistoryRun run, Duration age) {}

    public LedgerHistory {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    public long passed() {
        return runs.stream().filter(r -> r.verdict() == Verdict.PASSED).count();
    }

    /** Passed runs as a share of all runs, 0..1; NaN when there is none, since 0 % would claim failures that never ran. */
    public double passRate() {
        return runs.isEmpty() ? Double.NaN : (double) passed() / runs.size();
    }

    /** By scenario name; restores are left out, as they are recoveries, not rehearsals of a scenario. */
    public List<LastDrill> lastDrillPerScenario() {
        Map<String, HistoryRun> last = new TreeMap<>();
        for (HistoryRun r : runs) {
            if (r.drill() && r.scenario() != null) last.put(r.scenario(), r);
        }
        return last.values().stream().map(r -> new LastDrill(r.scenario(), r,
                r.finishedAt() == null ? null : Duration.between(r.finishedAt(), generatedAt))).toList();
    }
}
