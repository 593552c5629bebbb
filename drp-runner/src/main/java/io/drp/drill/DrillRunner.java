package io.drp.drill;

import io.drp.config.DrpConfig;
import io.drp.ledger.RebuildHistory;
import io.drp.model.DrillReport;
import io.drp.pipeline.SignalGuard;
import io.drp.progress.Progress;
import io.drp.recovery.AfterRun;
import io.drp.recovery.DryRun;
import io.drp.recovery.Isolation;
import io.drp.recovery.RecoveryEngine;
import io.drp.recovery.LockedRun;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RunSetup;
import io.drp.recovery.rebuild.LocalRecoveryTarget;
import io.drp.config.AccountLocation;
import io.drp.config.RecoveryConfig;
import io.drp.recovery.rebuild.PulumiRecoveryTarget;
import io.drp.recovery.rebuild.PulumiWorkspace;
import io.drp.recovery.rebuild.RebuildExtent;
import io.drp.recovery.rebuild.RebuildPreview;
import io.drp.recovery.rebuild.RecoveryTarget;
import io.drp.recovery.rebuild.StackDeclaredTarget;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The drill's one entry point: opens production and backup read-only and the recovery account writable,
 * and runs the {@link RecoveryEngine} as a rehearsal under the target's lock ({@link LockedRun}).
 */
public final class DrillRunner {

    private final DrpConfig config;
    private final RunSetup setup;
    private final StorageSession session;
    private final Function<StorageAccount, RecoveryTarget> targets;

    public DrillRunner(DrpConfig config, StorageSession session, Path workDir, Clock clock, Progress progress,
                       RecoveryEngine.ReportSink sink, Function<StorageAccount, RecoveryTarget> targets) {
        this.config = config;
        this.setup = new RunSetup(config, session, workDir, clock, progress, sink);
        this.session = session;
        this.targets = targets;
    }

    /**
     * The target the config asks for: local containers, or the recovery program through Pulumi's Automation API.
     *
     * @param accountAt opens the account an ephemeral drill stack built, from its blob endpoint
     */
    public static Function<StorageAccount, RecoveryTarget> targets(DrpConfig config, PulumiWorkspace pulumi,
                                                                   Function<String, StorageAccount> accountAt) {
        RecoveryConfig rc = config.recovery();
        return recovery -> switch (rc.target()) {
            case LOCAL -> rc.stackConfig() == null ? new LocalRecoveryTarget(recovery)
                    : new StackDeclaredTarget(new LocalRecoveryTarget(recovery), rc.stackConfig());
            case PULUMI -> new PulumiRecoveryTarget(pulumi, new PulumiRecoveryTarget.Stack(rc.stack(),
                    rc.rebuild() == RecoveryConfig.Rebuild.STANDING ? PulumiRecoveryTarget.Mode.STANDING : PulumiRecoveryTarget.Mode.EPHEMERAL,
                    rc.pulumiStackConfig()), recovery, LocalRecoveryTarget::new, accountAt);
        };
    }

    /** As {@link #targets} with the real Pulumi CLI; a drill stack's own account is opened with DefaultAzureCredential. */
    public static Function<StorageAccount, RecoveryTarget> targetsFor(DrpConfig config) {
        StorageConnector connector = new StorageConnector();
        return targets(config, PulumiWorkspace.local(Clock.systemUTC()),
                endpoint -> connector.open("recovery", new AccountLocation(null, endpoint, null)));
    }

    /** The recovery account this session writes to (the ledger mirror lives there too). */
    public StorageAccount recoveryAccount() {
        return session.connector().open("recovery", session.accounts().recovery());
    }

    /**
     * Plans without rebuilding or restoring: production and backups are only read; nothing is written anywhere.
     * A preview's operations are priced from the resource timings of past drills in the ledger.
     */
    public DryRun dryRun(RecoveryRequest request) {
        StorageAccount recovery = recoveryAccount();
        DryRun plan = engine(new LocalRecoveryTarget(recovery)).dryRun(request);
        // a Pulumi target previews what the rebuild would create; the others have nothing to preview
        List<String> containers = request.scope().isEverything() ? config.productionContainers()
                : request.scope().containers().stream().sorted().toList();
        RebuildPreview preview = targets.apply(recovery).preview(request.runId(), containers,
                RebuildExtent.forScenario(request.scenario()));
        return plan.withRebuild(preview, preview == null ? null : RebuildHistory.estimate(config.ledger(), preview.operations()));
    }

    public DrillReport run(RecoveryRequest request) throws IOException {
        return run(request, List.of()).report();
    }

    /** For callers that stop runs by no signal of their own (tests, the demo). */
    public LockedRun.Outcome run(RecoveryRequest req, List<AfterRun> afterRuns) throws IOException {
        try (SignalGuard none = SignalGuard.manual("drill")) {
            return run(req, afterRuns, none);
        }
    }

    /** @param stop trips the run into an ABORTED report on Ctrl-C or SIGTERM; see {@link LockedRun#run} */
    public LockedRun.Outcome run(RecoveryRequest req, List<AfterRun> afterRuns, SignalGuard stop) throws IOException {
        StorageAccount recovery = recoveryAccount();
        return LockedRun.run(recovery, engine(targets.apply(recovery)), req, setup.workDir(), afterRuns, stop);
    }

    private RecoveryEngine engine(RecoveryTarget target) {
        return setup.engine(setup.readOnly("production"), setup.readOnly("backup"), target, Isolation.REHEARSAL);
    }
}
