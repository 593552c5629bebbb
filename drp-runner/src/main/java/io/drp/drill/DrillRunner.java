package io.drp.drill;

import io.drp.config.DrpConfig;
import io.drp.drill.rebuild.LocalRecoveryTarget;
import io.drp.drill.rebuild.ProcessPulumiCli;
import io.drp.drill.rebuild.PulumiCli;
import io.drp.drill.rebuild.PulumiRecoveryTarget;
import io.drp.drill.rebuild.RecoveryTarget;
import io.drp.progress.Progress;
import io.drp.report.DrillReport;
import io.drp.report.RunRecord;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;
import io.drp.storage.StorageSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Wires a drill: opens production and backup read-only, the recovery account writable, takes the
 * one-drill-per-target lock, restores resume state, runs the {@link DrillEngine} and saves the state.
 */
public final class DrillRunner {

    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("'d'yyyyMMdd'-'HHmmss").withZone(ZoneOffset.UTC);

    private final DrpConfig config;
    private final StorageSession session;
    private final Path workDir;
    private final Clock clock;
    private final Progress progress;
    private final DrillEngine.ReportSink sink;
    private final Function<StorageAccount, RecoveryTarget> targets;

    public DrillRunner(DrpConfig config, StorageSession session, Path workDir, Clock clock, Progress progress,
                       DrillEngine.ReportSink sink, Function<StorageAccount, RecoveryTarget> targets) {
        this.config = config;
        this.session = session;
        this.workDir = workDir;
        this.clock = clock;
        this.progress = progress;
        this.sink = sink;
        this.targets = targets;
    }

    /** The target the config asks for: local containers, or {@code pulumi up} on the recovery stack first. */
    public static Function<StorageAccount, RecoveryTarget> targets(DrpConfig config, PulumiCli pulumi) {
        return recovery -> switch (config.recovery().target()) {
            case LOCAL -> config.recovery().stackConfig() == null ? new LocalRecoveryTarget(recovery)
                    : new io.drp.drill.rebuild.StackDeclaredTarget(new LocalRecoveryTarget(recovery), config.recovery().stackConfig());
            case PULUMI -> new PulumiRecoveryTarget(pulumi,
                    Path.of(config.recovery().pulumiWorkDir() == null ? "." : config.recovery().pulumiWorkDir()),
                    config.recovery().stack(), recovery);
        };
    }

    /** As {@link #targets} with the real Pulumi CLI. */
    public static Function<StorageAccount, RecoveryTarget> targetsFor(DrpConfig config) {
        return targets(config, new ProcessPulumiCli());
    }

    public static String newDrillId(Clock clock) {
        byte[] r = new byte[2];
        new SecureRandom().nextBytes(r);
        return ID.format(clock.instant()) + "-" + HexFormat.of().formatHex(r);
    }

    /** Plans without rebuilding or restoring: production and backups are only read; nothing is written anywhere. */
    public DrillEngine.DryRun dryRun(DrillRequest request) {
        StorageAccount production = session.connector().openReadOnly("production", session.accounts().production());
        StorageAccount backup = session.connector().openReadOnly("backup", session.accounts().backup());
        DrillEngine engine = new DrillEngine(config, production, backup, new LocalRecoveryTarget(
                session.connector().open("recovery", session.accounts().recovery())), clock, progress, workDir,
                session.connector().retryCounter()::count, session.redactor(), sink, io.drp.report.DrpVersion.current());
        return engine.dryRun(request);
    }

    public DrillReport run(DrillRequest request) throws IOException {
        List<RunRecord> previous = List.of();
        DrillRequest req = request;
        if (request.resume()) {
            DrillRecord rec = DrillRecord.load(workDir, request.drillId()).orElseThrow(() -> new StorageError(
                    "no drill " + request.drillId() + " to resume under " + workDir.resolve("drills")
                            + "; check the id printed by the aborted drill"));
            previous = rec.runs();
            // The disaster happened when the first run said it did: resuming must not reset the RTO clock.
            req = new DrillRequest(rec.drillId(), rec.disasterAt(), rec.scenario(), request.keep(), request.reportDir(),
                    request.parallelism(), request.fullVerify(), true);
        }
        StorageAccount production = session.connector().openReadOnly("production", session.accounts().production());
        StorageAccount backup = session.connector().openReadOnly("backup", session.accounts().backup());
        StorageAccount recovery = session.connector().open("recovery", session.accounts().recovery());
        RecoveryTarget target = targets.apply(recovery);
        DrillEngine engine = new DrillEngine(config, production, backup, target, clock, progress, workDir,
                session.connector().retryCounter()::count, session.redactor(), sink, io.drp.report.DrpVersion.current());
        if (req.disasterAt() == null) {
            req = new DrillRequest(req.drillId(), clock.instant(), req.scenario(), req.keep(), req.reportDir(),
                    req.parallelism(), req.fullVerify(), req.resume());
        }
        try (DrillLock lock = DrillLock.acquire(recovery, req.drillId(), req.resume())) {
            new DrillRecord(req.drillId(), req.disasterAt(), req.scenario(), previous).save(workDir);
            DrillRequest accepted = req;
            engine.onInterrupt(r -> {
                try {
                    new DrillRecord(accepted.drillId(), accepted.disasterAt(), accepted.scenario(), r.runs()).save(workDir);
                } catch (IOException ignored) {
                    // resume then starts from the record saved above
                }
            });
            DrillReport report = engine.run(req, previous);
            new DrillRecord(req.drillId(), req.disasterAt(), req.scenario(), report.runs()).save(workDir);
            return report;
        } catch (UncheckedIOException e) {
            throw new StorageError("cannot write drill state under " + workDir + ": " + e.getMessage(), e);
        }
    }
}
