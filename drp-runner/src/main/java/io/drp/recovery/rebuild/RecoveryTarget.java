package io.drp.recovery.rebuild;

import io.drp.recovery.rebuild.RecoveryEnvironment;

import java.util.List;

/**
 * Step 2 of a drill: bring up the recovery environment. The local target creates containers in the
 * recovery account directly; a cloud target runs {@code pulumi up} on the recovery stack and then does the
 * same in the account the stack created. Either way the drill continues against a {@link RecoveryEnvironment}.
 */
public interface RecoveryTarget {

    /** A short identity for reports, e.g. {@code local emulator (drprecovery)} or {@code pulumi stack recovery}. */
    String describe();

    /**
     * Creates (or empties) the recovery containers. Must refuse to touch a container it does not own.
     *
     * @param containers the production containers that need a recovery twin
     * @param resume true when continuing an aborted run of {@code drillId}: keep what that run restored
     */
    RecoveryEnvironment rebuild(String drillId, List<String> containers, boolean resume);

    /**
     * As {@link #rebuild(String, List, boolean)}, where {@code createdByThisRun} are containers the run's own
     * infrastructure rebuild has just created (a {@code pulumi up}): only those may be taken as the run's without
     * drp's mark. Targets that never empty or delete a container ignore it.
     */
    default RecoveryEnvironment rebuildCreated(String runId, List<String> containers, boolean resume, java.util.Set<String> createdByThisRun) {
        return rebuild(runId, containers, resume);
    }

    /**
     * As {@link #rebuild(String, List, boolean)}, as far as the incident level asks: {@code containers} are already
     * only the affected service's at level 2. Targets that build infrastructure (Pulumi) narrow the update too;
     * the others only ever create the containers they are given.
     */
    default RecoveryEnvironment rebuild(String drillId, List<String> containers, boolean resume, RebuildExtent extent) {
        return rebuild(drillId, containers, resume);
    }

    /**
     * What {@link #rebuild} would create for {@code runId}, found without creating anything that stays;
     * null when the target has nothing to preview (the local targets).
     */
    default RebuildPreview preview(String runId) {
        return null;
    }

    /** As {@link #preview(String)}, as far as the incident level asks, like {@link #rebuild(String, List, boolean, RebuildExtent)}. */
    default RebuildPreview preview(String runId, List<String> containers, RebuildExtent extent) {
        return preview(runId);
    }

    /** Removes what {@link #rebuild} created. Called after the report is written, unless the user asked to keep it. */
    void teardown(RecoveryEnvironment environment);
}
