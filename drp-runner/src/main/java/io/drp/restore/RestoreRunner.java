package io.drp.restore;

import io.drp.config.DrpConfig;
import io.drp.config.RecoveryConfig;
import io.drp.failure.UsageFailure;
import io.drp.pipeline.SignalGuard;
import io.drp.progress.Progress;
import io.drp.recovery.AfterRun;
import io.drp.recovery.Isolation;
import io.drp.recovery.LockedRun;
import io.drp.recovery.RecoveryEngine;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RestorePreview;
import io.drp.recovery.RestoreSpec;
import io.drp.recovery.RunSetup;
import io.drp.recovery.rebuild.PulumiRecoveryTarget;
import io.drp.recovery.rebuild.PulumiWorkspace;
import io.drp.recovery.rebuild.RecoveryTarget;
import io.drp.recovery.rebuild.RestoreContainers;
import io.drp.recovery.rebuild.StackDeclaredTarget;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageSession;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The real recovery's one entry point. It runs the drill's own engine and steps, with three differences
 * that are inputs, not code paths: the target may be production (only when the caller confirmed it), a
 * non-empty target is refused before anything is written unless overwriting was asked for, and nothing is
 * ever torn down.
 */
public final class RestoreRunner {

    /** The preview, plus what the target looks like now. */
    public record Preview(RestorePreview plan, String target, List<String> toCreate, List<String> nonEmpty) {}

    private final RunSetup setup;
    private final DrpConfig config;
    private final StorageSession session;
    private final Path workDir;
    private final PulumiWorkspace pulumi;

    public RestoreRunner(DrpConfig config, StorageSession session, Path workDir, Clock clock, Progress progress,
                         RecoveryEngine.ReportSink sink, PulumiWorkspace pulumi) {
        this.setup = new RunSetup(config, session, workDir, clock, progress, sink);
        this.config = config;
        this.session = session;
        this.workDir = workDir;
        this.pulumi = pulumi;
    }

    /** Plans and inspects the target; reads only. */
    public Preview preview(RecoveryRequest req) {
        requireCovered(req);
        StorageAccount target = targetAccount(req);
        RestorePreview plan = engine(req, target).preview(req);
        List<String> toCreate = plan.containers().stream().filter(c -> !target.container(c).exists()).toList();
        List<String> nonEmpty = plan.containers().stream().filter(c -> !RestoreContainers.isEmpty(target.container(c))).toList();
        return new Preview(plan, target.role() + " (" + target.endpoint() + ")", toCreate, nonEmpty);
    }

    /** For callers that stop runs by no signal of their own (tests). */
    public LockedRun.Outcome run(RecoveryRequest req, List<AfterRun> afterRuns) throws IOException {
        try (SignalGuard none = SignalGuard.manual("restore")) {
            return run(req, afterRuns, none);
        }
    }

    /** @param stop trips the run into an ABORTED report on Ctrl-C or SIGTERM; see {@link LockedRun#run} */
    public LockedRun.Outcome run(RecoveryRequest req, List<AfterRun> afterRuns, SignalGuard stop) throws IOException {
        requireCovered(req);
        StorageAccount target = targetAccount(req);
        if (!req.restore().overwrite() && !req.resume()) {
            // from drp.yaml, not the point: refusing must not depend on the backups being readable
            List<String> nonEmpty = config.productionContainers().stream().filter(req.scope()::includesContainer)
                    .map(req.scope()::target).filter(c -> !RestoreContainers.isEmpty(target.container(c))).toList();
            if (!nonEmpty.isEmpty()) {
                throw new UsageFailure("target container(s) " + nonEmpty + " in " + target.endpoint() + " already hold objects; "
                        + "nothing was written. Pass --overwrite to replace same-named objects (objects not in the point are never deleted), "
                        + "or --rename-container to restore next to them");
            }
        }
        return LockedRun.run(target, engine(req, target), req, workDir, afterRuns, stop);
    }

    /** An --at older than every backup point is bad usage (exit 2), refused before the target is touched. */
    private void requireCovered(RecoveryRequest req) {
        OldestPoint.requireCovered(setup.readOnly("backup").container(config.backup().container()),
                workDir.resolve("cache").resolve("manifests"), req);
    }

    /** Production is opened writable only when it is the destination; the caller has checked --yes. */
    public StorageAccount targetAccount(RecoveryRequest req) {
        return req.restore().destination() == RestoreSpec.Destination.PRODUCTION
                ? session.connector().open("production", session.accounts().production())
                : session.connector().open("recovery", session.accounts().recovery());
    }

    private RecoveryEngine engine(RecoveryRequest req, StorageAccount target) {
        boolean intoProduction = req.restore().destination() == RestoreSpec.Destination.PRODUCTION;
        StorageAccount production = intoProduction ? target : setup.readOnly("production");
        return setup.engine(production, setup.readOnly("backup"), rebuild(req, target), Isolation.REAL);
    }

    /** Into recovery, the configured target rebuilds first (pulumi up, or the stack-declared containers). */
    private RecoveryTarget rebuild(RecoveryRequest req, StorageAccount target) {
        boolean overwrite = req.restore().overwrite();
        if (req.restore().destination() == RestoreSpec.Destination.PRODUCTION) {
            return new RestoreContainers(target, "production", overwrite);
        }
        RecoveryTarget containers = new RestoreContainers(target, "recovery", overwrite);
        RecoveryConfig rc = config.recovery();
        if (rc.target() == RecoveryConfig.Kind.PULUMI) {
            // a real recovery always updates the recovery stack itself: it is the environment that stays
            return new PulumiRecoveryTarget(pulumi, new PulumiRecoveryTarget.Stack(rc.stack(), PulumiRecoveryTarget.Mode.STANDING,
                    rc.pulumiStackConfig()), target, account -> containers, endpoint -> target);
        }
        // renamed containers are a sandbox the stack does not declare; only same-name restores must have a twin
        return rc.stackConfig() != null && req.scope().rename().isEmpty() ? new StackDeclaredTarget(containers, rc.stackConfig()) : containers;
    }
}
