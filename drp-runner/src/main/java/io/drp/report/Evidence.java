package io.drp.report;

import java.util.List;

/** What an auditor needs to tie the report to the inputs that produced it. */
public record Evidence(
        String drpVersion,
        String configFile,
        String configSha256,
        String stack,
        String recoveryTarget,
        String productionEndpoint,
        String backupEndpoint,
        String recoveryEndpoint,
        List<ManifestEvidence> manifests) {

    public Evidence {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }
}
