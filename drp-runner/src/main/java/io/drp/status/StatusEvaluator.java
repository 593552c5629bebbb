package io.drp.status;

import io.drp.config.Durations;
import io.drp.config.ScenarioObjectives;
import io.drp.config.ServiceConfig;
import io.drp.ledger.LedgerRead;
import io.drp.ledger.LedgerRecord;
import io.drp.model.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Judges whether recovery is possible now, from facts read elsewhere. Pure (no storage, no clock), so every
 * rule that decides exit 1 is unit-tested. Unhealthy: no restorable point, a point older than a service's
 * RPO, a broken chain, no drill within {@code drill.maxAge}, or a last drill that did not pass (a failed drill
 * is evidence that recovery does not work, whatever its age).
 */
public final class StatusEvaluator {

    private StatusEvaluator() {}

    /**
     * Judges from the ledger as verification leaves it: the last drill is the last one before a break, and a break is a
     * problem in itself (a forged line must never turn "at risk" into "possible").
     */
    public static RecoveryStatus evaluate(List<ServiceConfig> services, BackupFacts backups, LedgerRead ledger,
                                          Duration drillMaxAge, Instant now, io.drp.config.ServiceHours.State window) {
        RecoveryStatus s = evaluate(services, backups, ledger.records(), drillMaxAge, now, window);
        var v = ledger.verification();
        List<String> problems = new ArrayList<>(s.problems());
        List<String> warnings = new ArrayList<>(s.warnings());
        if (!v.intact()) {
            var last = ledger.records().stream().filter(r -> "drill".equals(r.kind())).reduce((a, b) -> b);
            problems.add(0, "ledger broken at " + v.problem() + "; last verified drill: "
                    + last.map(r -> r.drillId() + " " + r.verdict()).orElse("none") + "; run 'drp verify-ledger'");
        }
        if (v.tornTail() != null) warnings.add(v.tornTail());
        if (v.signed() && !v.signaturesChecked()) {
            warnings.add("the ledger is " + v.signing() + ": list the public key(s) under ledger.publicKeys in drp.yaml, or a rewritten "
                    + "record goes unnoticed");
        }
        return new RecoveryStatus(s.schemaVersion(), s.checkedAt(), problems.isEmpty(), problems, warnings, s.backups(), s.services(),
                s.lastDrill(), s.serviceWindow(), new RecoveryStatus.Ledger(v.intact(), ledger.records().size(), v.signing(), v.problem()),
                s.leftoverSnapshots());
    }

    /** From records already verified (or made by a test); says nothing of the ledger's state. */
    public static RecoveryStatus evaluate(List<ServiceConfig> services, BackupFacts backups, List<LedgerRecord> ledger,
                                          Duration drillMaxAge, Instant now, io.drp.config.ServiceHours.State window) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Duration age = backups.watermark() == null ? null : Duration.between(backups.watermark(), now);
        if (backups.newestPoint() == null) {
            problems.add(backups.fullSnapshotPresent() ? "no backup point can be restored"
                    : "no restorable full snapshot: nothing can be recovered; run 'drp backup --full'");
        }
        boolean linksIntact = backups.problems().isEmpty();
        backups.problems().forEach(p -> problems.add("broken chain: " + p));
        backups.skipped().forEach(p -> warnings.add("skipped point (a later point links past it): " + p));
        backups.incomplete().forEach(p -> warnings.add("point " + p + " has data but no manifest: a backup is running, or crashed"));
        BackupFacts.Signing signing = backups.signing();
        if (signing != null && !signing.signed() && signing.acceptUnsigned()) {
            warnings.add("backup points are not authenticated (backup.signing: { unsigned: accept }): anyone who can write the"
                    + " backup container could add one");
        } else if (signing != null && !signing.signed()) {
            problems.add("backup points are not authenticated: declare backup.signing.publicKeys and give the backup job the private"
                    + " key in " + io.drp.config.BackupSigning.KEY_FILE_ENV + ", or accept unsigned points with backup.signing: { unsigned: accept }");
        }

        List<RecoveryStatus.ServiceStatus> perService = new ArrayList<>();
        for (ServiceConfig s : services) {
            ScenarioObjectives tightest = s.objectives().values().stream()
                    .min(Comparator.comparing(ScenarioObjectives::rpo).thenComparing(ScenarioObjectives::scenario)).orElseThrow();
            boolean within = age != null && age.compareTo(tightest.rpo()) <= 0;
            if (age != null && !within) {
                problems.add(s.name() + ": the newest restorable point is " + Durations.format(truncate(age)) + " old, over its RPO of "
                        + Durations.format(tightest.rpo()) + " (" + tightest.scenario() + ")");
            }
            perService.add(new RecoveryStatus.ServiceStatus(s.name(), age == null ? null : seconds(age), seconds(tightest.rpo()),
                    tightest.scenario(), within));
        }

        Optional<LedgerRecord> last = ledger.stream().filter(r -> "drill".equals(r.kind())).reduce((a, b) -> b);
        RecoveryStatus.LastDrill lastDrill = null;
        if (last.isEmpty()) {
            problems.add("no drill recorded in the ledger: recovery was never proven; run 'drp drill'");
        } else {
            LedgerRecord r = last.get();
            Instant finished = r.finishedAt() != null ? r.finishedAt() : r.disasterAt();
            Duration drillAge = Duration.between(finished, now);
            boolean fresh = drillAge.compareTo(drillMaxAge) <= 0;
            if (!fresh) {
                problems.add("the last drill (" + r.drillId() + ") finished " + Durations.format(truncate(drillAge))
                        + " ago, longer than drill.maxAge " + Durations.format(drillMaxAge));
            }
            if (r.verdict() != Verdict.PASSED) {
                problems.add("the last drill (" + r.drillId() + ") " + r.verdict() + "; see 'drp history' and its report");
            }
            lastDrill = new RecoveryStatus.LastDrill(r.drillId(), r.scenario(), r.verdict(), finished, seconds(drillAge),
                    seconds(drillMaxAge), fresh);
        }
        RecoveryStatus.Backups b = new RecoveryStatus.Backups(backups.newestPoint(), backups.watermark(), age == null ? null : seconds(age),
                backups.fullSnapshotPresent(), linksIntact, backups.incomplete(), backups.problems(), backups.skipped(),
                signing == null ? null : signing.signed(), signing == null ? List.of() : signing.keyIds());
        return new RecoveryStatus(RecoveryStatus.SCHEMA_VERSION, now, problems.isEmpty(), problems, warnings, b, perService, lastDrill, window,
                null, null);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Duration truncate(Duration d) {
        return Duration.ofSeconds(d.toSeconds());
    }
}
