package io.drp.model;

import java.util.List;

/**
 * What an auditor needs to tie the report to the inputs that produced it. {@code parallelism} is the number
 * of concurrent copies the run used, since it bounds the RTO a run can reach; {@code copyMode} how they moved
 * the bytes (stream or server) and {@code copyModeReason} why, both null when no copy step ran.
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
        Integer parallelism,
        String copyMode,
        String copyModeReason) {

    public Evidence {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }

    public Evidence(String drpVersion, String configFile, String configSha256, String stack, String recoveryTarget,
                    String productionEndpoint, String backupEndpoint, String recoveryEndpoint, List<ManifestEvidence> manifests,
                    Integer parallelism) {
        this(drpVersion, configFile, configSha256, stack, recoveryTarget, productionEndpoint, backupEndpoint, recoveryEndpoint, manifests,
                parallelism, null, null);
    }
}
