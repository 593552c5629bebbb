package io.drp.status;

import io.drp.config.ServiceHours;
import io.drp.model.Verdict;

import java.time.Instant;
import java.util.List;

/**
 * {@code drp status}: is recovery possible right now? Printed as text, JSON (this record, keys sorted) or
 * OpenMetrics. {@code healthy} is false exactly when the exit code is 1, and {@code problems} says why.
 * Within {@code schemaVersion} 1 fields are only added. {@code serviceWindow}: the SLA's windows at {@code checkedAt}.
 */
public record RecoveryStatus(int schemaVersion, Instant checkedAt, boolean healthy, List<String> problems, List<String> warnings,
                             Backups backups, List<ServiceStatus> services, LastDrill lastDrill, ServiceHours.State serviceWindow) {

    public static final int SCHEMA_VERSION = 1;

    public RecoveryStatus {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        services = List.copyOf(services);
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
