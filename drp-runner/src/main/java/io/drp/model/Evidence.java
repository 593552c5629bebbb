package io.drp.model;

import java.util.List;

/**
 * What an auditor needs to tie the report to the inputs that produced it. {@code parallelism} is the number
 * of concurrent copies the run used, since it bounds the RTO a run can reach.
 */
public record Evidence(
        String drpVersion,
        String configFile,
        String configSha256,
        String stack,
        String recoveryTarget,
        String productionEndpoint,
        String backupEndpoint,
        String recoveryEndpoint,
        List<ManifestEvidence> manifests,
        Integer parallelism) {

    public Evidence {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }
}
