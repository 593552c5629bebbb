package io.drp.config;

/**
 * How the recovery environment is rebuilt. {@code local} creates the recovery containers directly in the
 * recovery account (the embedded emulator by default); {@code pulumi} runs {@code pulumi up} on
 * {@code stack} first. {@code stackConfig} (a Pulumi.recovery.yaml, relative to drp.yaml) makes the local target
 * create exactly the containers that the recovery stack declares, so drills and stacks cannot drift apart.
 */
public record RecoveryConfig(Kind target, String stack, String pulumiWorkDir, java.nio.file.Path stackConfig) {

    public RecoveryConfig(Kind target, String stack, String pulumiWorkDir) {
        this(target, stack, pulumiWorkDir, null);
    }

    public enum Kind { LOCAL, PULUMI }
}
