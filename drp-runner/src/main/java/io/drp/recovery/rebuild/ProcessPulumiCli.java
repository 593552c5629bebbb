package io.drp.recovery.rebuild;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the {@code pulumi} executable ({@code DRP_PULUMI} overrides the path). */
public final class ProcessPulumiCli implements PulumiCli {

    private final String executable;

    public ProcessPulumiCli() {
        this(System.getenv().getOrDefault("DRP_PULUMI", "pulumi"));
    }

    public ProcessPulumiCli(String executable) {
        this.executable = executable;
    }

    @Override
    public Result run(Path workDir, List<String> args, Map<String, String> env, Duration timeout) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().putAll(env);
        // non-interactive, machine-readable, no update checks: this runs in pipelines
        pb.environment().put("PULUMI_SKIP_UPDATE_CHECK", "true");
        pb.environment().put("PULUMI_NON_INTERACTIVE", "true");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new RebuildFailure("cannot run '" + executable + "' (" + e.getMessage()
                    + "); install the Pulumi CLI or set DRP_PULUMI to its path", e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new RebuildFailure("'pulumi " + String.join(" ", args) + "' did not finish within " + timeout.toMinutes() + " min");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new RebuildFailure("interrupted while running pulumi");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
