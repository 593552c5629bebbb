package io.drp.config;

/**
 * How the recovery environment is rebuilt. {@code local} creates the recovery containers directly in the
 * recovery account (the embedded emulator by default); {@code pulumi} runs {@code pulumi up} on
 * {@code stack} first.
 */
public record RecoveryConfig(Kind target, String stack, String pulumiWorkDir) {

    public enum Kind { LOCAL, PULUMI }
}
