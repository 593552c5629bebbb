package io.drp.recovery.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drp.recovery.rebuild.LocalRecoveryTarget;
import io.drp.recovery.rebuild.PulumiCli;
import io.drp.storage.StorageAccount;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the recovery environment by running {@code pulumi up} on the recovery stack, then checks that
 * what the stack declares matches what the drill is about to use (account and containers), and creates
 * the containers' contents side through {@link LocalRecoveryTarget}. The stack's infrastructure stays up
 * after the drill: teardown only removes the restored data.
 */
public final class PulumiRecoveryTarget implements RecoveryTarget {

    /** Stack outputs drp reads (see README, "Stack outputs"). */
    public static final String OUT_ACCOUNT = "recoveryStorageAccountName";
    public static final String OUT_CONTAINERS = "recoveryDataContainers";

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(45);

    private final PulumiCli cli;
    private final Path projectDir;
    private final String stack;
    private final StorageAccount recovery;
    private final RecoveryTarget containers;

    public PulumiRecoveryTarget(PulumiCli cli, Path projectDir, String stack, StorageAccount recovery) {
        this(cli, projectDir, stack, recovery, new LocalRecoveryTarget(recovery));
    }

    /** @param containers what prepares the containers once the stack is up: a drill's, or a real recovery's */
    public PulumiRecoveryTarget(PulumiCli cli, Path projectDir, String stack, StorageAccount recovery, RecoveryTarget containers) {
        this.cli = cli;
        this.projectDir = projectDir;
        this.stack = stack;
        this.recovery = recovery;
        this.containers = containers;
    }

    @Override
    public String describe() {
        return "pulumi stack " + stack + " (" + recovery.endpoint() + ")";
    }

    @Override
    public RecoveryEnvironment rebuild(String drillId, List<String> wanted, boolean resume) {
        long t = System.nanoTime();
        PulumiCli.Result up = cli.run(projectDir, List.of("up", "--stack", stack, "--yes", "--skip-preview", "--non-interactive",
                "--suppress-progress", "--message", "drp drill " + drillId), Map.of(), UP_TIMEOUT);
        if (!up.ok()) {
            throw new RebuildFailure("pulumi up on stack " + stack + " failed with exit code " + up.exitCode() + ": " + lastLine(up.stderr(), up.stdout()));
        }
        double upSeconds = (System.nanoTime() - t) / 1e9;
        PulumiCli.Result out = cli.run(projectDir, List.of("stack", "output", "--stack", stack, "--json"), Map.of(), Duration.ofMinutes(5));
        if (!out.ok()) {
            throw new RebuildFailure("pulumi stack output on stack " + stack + " failed: " + lastLine(out.stderr(), out.stdout()));
        }
        JsonNode outputs;
        try {
            outputs = new ObjectMapper().readTree(out.stdout());
        } catch (Exception e) {
            throw new RebuildFailure("pulumi stack output on stack " + stack + " is not JSON");
        }
        String account = outputs.path(OUT_ACCOUNT).asText(null);
        if (account == null) {
            throw new RebuildFailure("stack " + stack + " has no output '" + OUT_ACCOUNT + "'; is it the drp recovery stack?");
        }
        if (!account.equals(recovery.accountName())) {
            throw new RebuildFailure("stack " + stack + " declares recovery account " + account + " but drp.yaml points at "
                    + recovery.accountName() + "; fix storage.recovery so the drill uses what the stack built");
        }
        List<String> declared = new ArrayList<>();
        outputs.path(OUT_CONTAINERS).forEach(n -> declared.add(n.asText()));
        List<String> missing = wanted.stream().filter(c -> !declared.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new RebuildFailure("stack " + stack + " declares no recovery twin for production container(s) " + missing
                    + "; add them to the recovery stack's config and run the drill again");
        }
        RecoveryEnvironment env = containers.rebuild(drillId, wanted, resume);
        Map<String, String> details = new LinkedHashMap<>(env.details());
        details.put("stack", stack);
        details.put("pulumiUpSeconds", String.format(java.util.Locale.ROOT, "%.1f", upSeconds));
        return new RecoveryEnvironment(env.account(), env.containers(), details);
    }

    @Override
    public void teardown(RecoveryEnvironment environment) {
        containers.teardown(environment);
    }

    private static String lastLine(String... texts) {
        for (String t : texts) {
            if (t == null || t.isBlank()) continue;
            String[] lines = t.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
        return "(no output)";
    }
}
