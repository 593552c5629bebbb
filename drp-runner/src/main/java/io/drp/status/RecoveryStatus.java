package io.drp.status;

import io.drp.config.ServiceHours;
import io.drp.model.Verdict;

import java.time.Instant;
import java.util.List;

/**
 * {@code drp status}: is recovery possible right now? Printed as text, JSON (this record, keys sorted) or
 * OpenMetrics. {@code healthy} is false exactly when the exit code is 1, and {@code problems} says why.
 * Within {@code schemaVersion} 1 fields are only added. {@code serviceWindow}: the SLA's windows at {@code checkedAt}.
 * {@code leftoverSnapshots}: drp's snapshots found in production (a backup is running, or one was killed); null when
 * production could not be listed.
 */
public record RecoveryStatus(int schemaVersion, Instant checkedAt, boolean healthy, List<String> problems, List<String> warnings,
                             Backups backups, List<ServiceStatus> services, LastDrill lastDrill, ServiceHours.State serviceWindow,
                             Ledger ledger, Long leftoverSnapshots) {

    public static final int SCHEMA_VERSION = 1;

    public RecoveryStatus {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        services = List.copyOf(services);
    }

    /**
     * What the ledger's verification found: the last drill is taken from the {@code verifiedRecords} before a break only.
     * {@code problem}: where it breaks, null when intact. {@code signing}: "unsigned", "signed ..., every signature checked"
     * or "signed, signatures not checked (no public key configured)". Null when the status was judged without a ledger read.
     */
    public record Ledger(boolean intact, int verifiedRecords, String signing, String problem) {}

    /**
     * This status with the count of drp's snapshots in production, and a warning when there are any: until they
     * are deleted, an application's plain Delete Blob of those objects fails (409 SnapshotsPresent). Recovery is not
     * at risk, so the exit code stays; the next snapshot-mode backup deletes them.
     * @param count null when production could not be listed, then {@code why} says so
     */
    public RecoveryStatus withLeftoverSnapshots(Long count, String why) {
        List<String> w = new java.util.ArrayList<>(warnings);
        if (count == null) {
            w.add("production could not be listed for snapshots left by drp backups: " + why);
        } else if (count > 0) {
            w.add(count + " snapshot(s) taken by drp backups are in production (metadata drpsweep): a backup is running, or one was"
                    + " killed; until the next backup deletes them, a plain Delete Blob of those objects fails with 409 SnapshotsPresent");
        }
        return new RecoveryStatus(schemaVersion, checkedAt, healthy, problems, w, backups, services, lastDrill, serviceWindow, ledger, count);
    }

    /**
     * The chain's health. {@code ageSeconds} null when there is no restorable point. {@code signed}: the points were
     * verified against {@code backup.signing.publicKeys}, signed by {@code keyIds}; null when not read.
     */
    public record Backups(String newestPoint, Instant watermark, Double ageSeconds, boolean fullSnapshotPresent, boolean linksIntact,
                          List<String> incompletePoints, List<String> brokenPoints, List<String> skippedPoints, Boolean signed,
                          List<String> keyIds) {}

    /** The newest point against this service's tightest RPO ({@code rpoScenario} is where that RPO comes from). */
    public record ServiceStatus(String service, Double ageSeconds, double rpoSeconds, String rpoScenario, boolean withinRpo) {}

    /** The newest drill in the ledger (restores do not prove a drill); null when none was ever recorded. */
    public record LastDrill(String drillId, String scenario, Verdict verdict, Instant finishedAt, double ageSeconds,
                            double maxAgeSeconds, boolean withinMaxAge) {}
}
