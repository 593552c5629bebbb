package io.drp.config;

/**
 * How the recovery environment is rebuilt. {@code local} creates the recovery containers directly in the
 * recovery account (the embedded emulator by default); {@code pulumi} runs the recovery program on
 * {@code stack} first, through Pulumi's Automation API. {@code stackConfig} (a Pulumi.recovery.yaml, relative to
 * drp.yaml) makes the local target create exactly the containers that the recovery stack declares, so drills
 * and stacks cannot drift apart; for the pulumi target it is the configuration copied onto the stack.
 * {@code rebuild} says whether a drill updates the standing stack or builds a stack of its own from nothing.
 */
public record RecoveryConfig(Kind target, String stack, String pulumiWorkDir, java.nio.file.Path stackConfig, Rebuild rebuild) {

    public RecoveryConfig {
        if (rebuild == null) rebuild = target == Kind.PULUMI ? Rebuild.EPHEMERAL : Rebuild.STANDING;
    }

    public RecoveryConfig(Kind target, String stack, String pulumiWorkDir) {
        this(target, stack, pulumiWorkDir, null, null);
    }

    public RecoveryConfig(Kind target, String stack, String pulumiWorkDir, java.nio.file.Path stackConfig) {
        this(target, stack, pulumiWorkDir, stackConfig, null);
    }

    /** The Pulumi.&lt;stack&gt;.yaml the pulumi target copies: {@code stackConfig}, or the one in {@code pulumiWorkDir}. */
    public java.nio.file.Path pulumiStackConfig() {
        if (stackConfig != null) return stackConfig;
        return java.nio.file.Path.of(pulumiWorkDir == null ? "." : pulumiWorkDir).resolve("Pulumi." + stack + ".yaml");
    }

    public enum Kind { LOCAL, PULUMI }

    /** {@code ephemeral}: a stack per drill, destroyed at teardown; {@code standing}: the recovery stack, left up. */
    public enum Rebuild { EPHEMERAL, STANDING }
}
