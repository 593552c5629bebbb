package io.drp.plan;

import io.drp.config.PlanAction;
import io.drp.config.Secret;
import io.drp.model.StepStatus;
import io.drp.secrets.Redactor;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code run} action: a command, retried, each attempt bounded by the action's timeout on the run's clock. The
 * process does not inherit drp's environment (which holds the storage credentials): it gets a few neutral variables,
 * the plan variables, and only the secrets the plan names. Its output goes through the redactor, line by line, into
 * its log file. On timeout or stop the whole process tree gets SIGTERM, then SIGKILL after a grace.
 */
final class CommandAction {

    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ", "USER", "JAVA_HOME");
    static final Duration GRACE = Duration.ofSeconds(5);
    private static final int HEAD_LINES = 5;
    /** What a POSIX shell answers for a command it cannot find. */
    private static final int NOT_FOUND = 127;

    private final Clock clock;
    private final Redactor redactor;

    CommandAction(Clock clock, Redactor redactor) {
        this.clock = clock;
        this.redactor = redactor;
    }

    Outcome run(PlanAction a, PlanContext ctx, Path log) throws IOException {
        List<String> attempts = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        a.secretEnv().values().forEach(s -> secrets.add(s.reveal()));
        Redactor logRedactor = new Redactor(secrets);
        Files.createDirectories(log.getParent());
        List<String> head = new ArrayList<>();
        String last = null;
        for (int attempt = 1; attempt <= a.retries() + 1; attempt++) {
            ProcessBuilder pb = new ProcessBuilder(a.shell() != null ? List.of("/bin/sh", "-c", a.shell()) : a.argv())
                    .directory(a.workingDir().toFile()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.clear();
            INHERITED.forEach(k -> { if (System.getenv(k) != null) env.put(k, System.getenv(k)); });
            env.putAll(ctx.variables());
            env.putAll(a.env());
            for (Map.Entry<String, Secret> s : a.secretEnv().entrySet()) env.put(s.getKey(), s.getValue().reveal());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return Outcome.of(StepStatus.ABORTED, "cannot start " + a.name() + ": " + redact(logRedactor, e.getMessage())
                        + "; check the command and its working directory " + a.workingDir(), attempt, attempts);
            }
            head.clear();
            Thread pump = pump(p, log, attempt, s -> redact(logRedactor, s), head);
            Instant deadline = clock.instant().plus(a.timeout());
            String stopped = waitFor(p, deadline, ctx);
            join(pump);
            if (stopped != null && !stopped.equals(TIMED_OUT)) {
                return new Outcome(StepStatus.ABORTED, a.name() + " was stopped: " + stopped, attempt, attempts, null, log.getFileName().toString(), head);
            }
            if (stopped == null && p.exitValue() == 0) {
                return new Outcome(StepStatus.SUCCEEDED, attempt == 1 ? "exit 0" : "exit 0 on attempt " + attempt, attempt, attempts, null,
                        log.getFileName().toString(), head);
            }
            last = stopped != null ? "timed out after " + io.drp.config.Durations.format(a.timeout()) : "exit " + p.exitValue();
            if (stopped == null && a.shell() != null && p.exitValue() == NOT_FOUND) {
                return new Outcome(StepStatus.ABORTED, "cannot start " + a.name() + ": the shell found no such command (exit 127)",
                        attempt, attempts, null, log.getFileName().toString(), head);
            }
            attempts.add("attempt " + attempt + ": " + last);
        }
        return new Outcome(StepStatus.FAILED, a.name() + " failed after " + (a.retries() + 1) + " attempt(s), last: " + last
                + (head.isEmpty() ? "" : "; log begins: " + String.join(" | ", head)), a.retries() + 1, attempts, null,
                log.getFileName().toString(), head);
    }

    private static final String TIMED_OUT = "timed out";

    /** Waits for the process on the run's clock; kills its tree on timeout or stop. Returns TIMED_OUT, why it was stopped, or null. */
    private String waitFor(Process p, Instant deadline, PlanContext ctx) {
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                String stop = ctx.stopReason().get();
                if (stop != null) {
                    kill(p);
                    return stop;
                }
                if (!clock.instant().isBefore(deadline)) {
                    kill(p);
                    return TIMED_OUT;
                }
            }
            return null;
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** SIGTERM to the process and every descendant (collected first: they are reparented once it dies), SIGKILL after a grace. */
    static void kill(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long until = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillAlive) {
                h.destroyForcibly();
            }
        }
    }

    private static Thread pump(Process p, Path log, int attempt, java.util.function.UnaryOperator<String> redact, List<String> head)
            throws IOException {
        BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, attempt == 1
                ? new java.nio.file.OpenOption[]{java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.WRITE}
                : new java.nio.file.OpenOption[]{java.nio.file.StandardOpenOption.APPEND});
        Thread t = new Thread(() -> {
            try (w; BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                w.write("--- attempt " + attempt + "\n");
                for (String line; (line = r.readLine()) != null; ) {
                    String safe = redact.apply(line);
                    synchronized (head) {
                        if (head.size() < HEAD_LINES) head.add(safe);
                    }
                    w.write(safe);
                    w.write('\n');
                    w.flush();
                }
            } catch (IOException ignored) {
                // the process went away mid-line: what was written stays
            }
        }, "drp-plan-log");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String redact(Redactor logRedactor, String s) {
        return redactor.redact(logRedactor.redact(s));
    }
}
