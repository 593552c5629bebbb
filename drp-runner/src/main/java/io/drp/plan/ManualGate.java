package io.drp.plan;

import io.drp.config.PlanAction;
import io.drp.model.StepStatus;

import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code manual} action: a person must say "done". On a terminal a prompt asks; whatever the terminal, the gate
 * also passes when {@code drp approve RUN_ID STEP} leaves its file. The time spent waiting is a person's, recorded
 * apart. In a drill a gate marked {@code drill: auto} passes at once, and the report says so.
 */
final class ManualGate {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Clock clock;
    private final Pacer pacer;
    private final Consumer<String> tell;
    private final Console console;

    ManualGate(Clock clock, Pacer pacer, Consumer<String> tell, Console console) {
        this.clock = clock;
        this.pacer = pacer;
        this.tell = tell;
        this.console = console;
    }

    Outcome run(PlanAction a, PlanContext ctx) throws InterruptedException {
        if (ctx.drill() && a.drillAuto()) {
            return new Outcome(StepStatus.SUCCEEDED, "passed automatically in a drill (drill: auto): " + a.prompt(), 0, List.of(), 0.0, null, List.of());
        }
        Path dir = ctx.approvalsDir();
        tell.accept("manual step " + a.name() + ": " + a.prompt() + "; when done, run: drp approve " + ctx.runId() + " " + a.name()
                + (console != null ? " (or type 'done' here)" : ""));
        if (console != null) promptOnTerminal(a, ctx);
        Instant start = clock.instant();
        Instant deadline = start.plus(a.timeout());
        while (true) {
            if (Approvals.approved(dir, a.name())) {
                double waited = Duration.between(start, clock.instant()).toMillis() / 1000.0;
                return new Outcome(StepStatus.SUCCEEDED, "approved after " + waited + " s", 1, List.of(), waited, null, List.of());
            }
            String stop = ctx.stopReason().get();
            if (stop != null) return Outcome.of(StepStatus.ABORTED, a.name() + " was stopped: " + stop, 0, List.of());
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                double waited = Duration.between(start, clock.instant()).toMillis() / 1000.0;
                return new Outcome(StepStatus.FAILED, a.name() + " was not approved within " + io.drp.config.Durations.format(a.timeout())
                        + " (" + a.prompt() + ")", 0, List.of(), waited, null, List.of());
            }
            pacer.pause(POLL.compareTo(left) < 0 ? POLL : left);
        }
    }

    /** The terminal's answer is written as an approval, so the two ways of passing the gate are one. */
    private void promptOnTerminal(PlanAction a, PlanContext ctx) {
        Thread t = new Thread(() -> {
            String line = console.readLine("type 'done' when %s: ", a.prompt());
            if (line != null && line.trim().equalsIgnoreCase("done") && ctx.approvalsDir() != null) {
                try {
                    java.nio.file.Files.createDirectories(ctx.approvalsDir());
                    java.nio.file.Files.writeString(ctx.approvalsDir().resolve(a.name()), "approved on the terminal\n");
                } catch (java.io.IOException ignored) {
                    // drp approve still works
                }
            }
        }, "drp-manual-gate");
        t.setDaemon(true);
        t.start();
    }
}
