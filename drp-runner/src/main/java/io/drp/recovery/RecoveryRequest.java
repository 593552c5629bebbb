package io.drp.recovery;

import io.drp.model.RunRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run, fully resolved at the edge by {@link RequestResolver}: after it nothing downstream defaults a
 * value again. {@code disasterAt} (T0) is never null; {@code previousRuns} is empty unless resuming. {@code drillScope}
 * narrows a drill to the containers of the services it names (a level-2 drill); a restore's scope is in its spec.
 * {@code controls}: plant the negative controls after verify ({@link ControlsStep}); true unless {@code --no-controls}.
 */
public record RecoveryRequest(
        RunKind kind,
        String runId,
        Instant disasterAt,
        String scenario,
        Path reportDir,
        int parallelism,
        VerifyMode verify,
        TeardownPolicy teardown,
        boolean resume,
        List<RunRecord> previousRuns,
        RestoreSpec restore,
        Scope drillScope,
        CopyMode copyMode,
        boolean controls) {

    public static final int MAX_PARALLELISM = 256;

    public RecoveryRequest {
        Objects.requireNonNull(kind, "'kind' cannot be null.");
        Objects.requireNonNull(runId, "'runId' cannot be null.");
        Objects.requireNonNull(disasterAt, "'disasterAt' cannot be null.");
        Objects.requireNonNull(scenario, "'scenario' cannot be null.");
        Objects.requireNonNull(reportDir, "'reportDir' cannot be null.");
        Objects.requireNonNull(verify, "'verify' cannot be null.");
        Objects.requireNonNull(teardown, "'teardown' cannot be null.");
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be between 1 and " + MAX_PARALLELISM);
        }
        previousRuns = previousRuns == null ? List.of() : List.copyOf(previousRuns);
        copyMode = copyMode == null ? CopyMode.AUTO : copyMode;
        if ((kind == RunKind.RESTORE) != (restore != null)) {
            throw new IllegalArgumentException("a restore, and only a restore, carries a RestoreSpec");
        }
        drillScope = drillScope == null ? Scope.ALL : drillScope;
        if (restore != null && !drillScope.isEverything()) throw new IllegalArgumentException("a restore's scope is in its RestoreSpec");
    }

    /** With the negative controls on, as every run has them unless {@code --no-controls} says otherwise. */
    public RecoveryRequest(RunKind kind, String runId, Instant disasterAt, String scenario, Path reportDir, int parallelism,
                           VerifyMode verify, TeardownPolicy teardown, boolean resume, List<RunRecord> previousRuns, RestoreSpec restore,
                           Scope drillScope, CopyMode copyMode) {
        this(kind, runId, disasterAt, scenario, reportDir, parallelism, verify, teardown, resume, previousRuns, restore, drillScope,
                copyMode, true);
    }

    /** A run of every service: a restore carries its own scope in its RestoreSpec. */
    public RecoveryRequest(RunKind kind, String runId, Instant disasterAt, String scenario, Path reportDir, int parallelism,
                           VerifyMode verify, TeardownPolicy teardown, boolean resume, List<RunRecord> previousRuns, RestoreSpec restore) {
        this(kind, runId, disasterAt, scenario, reportDir, parallelism, verify, teardown, resume, previousRuns, restore, null, null);
    }

    /** A drill: everything, into the recovery environment, judged against the scenario. */
    public RecoveryRequest(RunKind kind, String runId, Instant disasterAt, String scenario, Path reportDir, int parallelism,
                           VerifyMode verify, TeardownPolicy teardown, boolean resume, List<RunRecord> previousRuns) {
        this(kind, runId, disasterAt, scenario, reportDir, parallelism, verify, teardown, resume, previousRuns, null, null, null);
    }

    /** The same run, copying as asked. */
    public RecoveryRequest withCopyMode(CopyMode mode) {
        return new RecoveryRequest(kind, runId, disasterAt, scenario, reportDir, parallelism, verify, teardown, resume, previousRuns,
                restore, drillScope, mode, controls);
    }

    /** The same run, with or without the negative controls ({@code --no-controls}). */
    public RecoveryRequest withControls(boolean on) {
        return new RecoveryRequest(kind, runId, disasterAt, scenario, reportDir, parallelism, verify, teardown, resume, previousRuns,
                restore, drillScope, copyMode, on);
    }

    /** The instant the recovery point is chosen for, and the RPO measured against: T0 for a drill. */
    public Instant pointAt() {
        return restore == null ? disasterAt : restore.at();
    }

    /** What the run restores: a restore's options, or a drill's failed services' containers (level 2; every container otherwise). */
    public Scope scope() {
        return restore == null ? drillScope : restore.scope();
    }

    /** Whether missed RTO/RPO/loss objectives fail the run (a restore without --scenario is judged on integrity only). */
    public boolean judged() {
        return restore == null || restore.judged();
    }

    public boolean fullVerify() {
        return verify == VerifyMode.FULL;
    }
}
