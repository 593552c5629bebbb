package io.drp.plan;

import io.drp.config.PlanAction;
import io.drp.config.PlanGroup;
import io.drp.config.RecoveryPlan;
import io.drp.model.PlanRecord;
import io.drp.model.PlanRecord.ActionRecord;
import io.drp.model.PlanRecord.GroupRecord;
import io.drp.model.StepStatus;
import io.drp.secrets.Redactor;

import java.io.Console;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a recovery plan's groups one after another, each group's {@code before} then {@code after} actions in order.
 * The first action that fails or cannot start ends the plan: the rest are recorded SKIPPED, never dropped, so the
 * report shows what did not run. The plan is done, and the service's RTO ends, when the last group's last action passes.
 */
public final class PlanExecutor {

    private final Clock clock;
    private final Pacer pacer;
    private final Redactor redactor;
    private final CommandAction commands;
    private final HttpCheck checks;
    private final ManualGate gates;

    public PlanExecutor(Clock clock, Pacer pacer, Redactor redactor, Consumer<String> tell, Console console) {
        this(clock, pacer, redactor, new HttpCheck(clock, pacer), tell, console);
    }

    PlanExecutor(Clock clock, Pacer pacer, Redactor redactor, HttpCheck checks, Consumer<String> tell, Console console) {
        this.clock = clock;
        this.pacer = pacer;
        this.redactor = redactor;
        this.commands = new CommandAction(clock, redactor);
        this.checks = checks;
        this.gates = new ManualGate(clock, pacer, tell, console);
    }

    /** @param completed groups a previous run of this id finished: not run again (--resume) */
    public PlanRecord run(RecoveryPlan plan, PlanContext ctx, Set<String> completed) {
        List<GroupRecord> groups = new ArrayList<>();
        StepStatus planStatus = StepStatus.SUCCEEDED;
        Instant lastPassed = null;
        for (PlanGroup g : plan.groups()) {
            Double rto = g.rto() == null ? null : g.rto().toMillis() / 1000.0;
            if (planStatus != StepStatus.SUCCEEDED) {
                groups.add(new GroupRecord(g.name(), g.services(), null, null, StepStatus.SKIPPED, "skipped: an earlier action did not pass", rto,
                        skippedAll(g, "skipped: an earlier action did not pass")));
                continue;
            }
            if (completed.contains(g.name())) {
                groups.add(new GroupRecord(g.name(), g.services(), null, null, StepStatus.SKIPPED, "completed by an earlier run (--resume)", rto,
                        skippedAll(g, "completed by an earlier run (--resume)")));
                continue;
            }
            Instant gStart = clock.instant();
            List<ActionRecord> actions = new ArrayList<>();
            StepStatus gStatus = StepStatus.SUCCEEDED;
            String gMessage = null;
            List<PlanAction> all = new ArrayList<>(g.before());
            all.addAll(g.after());
            for (int i = 0; i < all.size(); i++) {
                PlanAction a = all.get(i);
                String phase = i < g.before().size() ? "before" : "after";
                if (gStatus != StepStatus.SUCCEEDED) {
                    actions.add(skipped(a, phase, "skipped: an earlier action did not pass"));
                    continue;
                }
                if (!a.when().appliesTo(ctx.drill())) {
                    actions.add(skipped(a, phase, "when: " + a.when().name().toLowerCase(java.util.Locale.ROOT) + "; not run in a "
                            + (ctx.drill() ? "drill" : "restore")));
                    continue;
                }
                ActionRecord r = run(a, phase, g, ctx);
                actions.add(r);
                if (r.status() == StepStatus.SUCCEEDED) {
                    lastPassed = r.finishedAt();
                } else {
                    gStatus = r.status();
                    gMessage = r.message();
                }
            }
            groups.add(new GroupRecord(g.name(), g.services(), gStart, clock.instant(), gStatus, gMessage, rto, actions));
            planStatus = gStatus;
        }
        return new PlanRecord(plan.name(), planStatus, planStatus == StepStatus.SUCCEEDED ? lastPassed : null, groups);
    }

    private ActionRecord run(PlanAction a, String phase, PlanGroup g, PlanContext ctx) {
        Instant start = clock.instant();
        Outcome o;
        try {
            o = switch (a.kind()) {
                case RUN -> commands.run(a, ctx, ctx.logDir().resolve(g.name() + "." + a.name() + ".log"));
                case HTTP -> checks.run(a, ctx);
                case WAIT -> {
                    pacer.pause(a.timeout());
                    yield Outcome.of(StepStatus.SUCCEEDED, "waited " + io.drp.config.Durations.format(a.timeout()), 1, List.of());
                }
                case MANUAL -> gates.run(a, ctx);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o = Outcome.of(StepStatus.ABORTED, a.name() + " was interrupted", 0, List.of());
        } catch (IOException | RuntimeException e) {
            o = Outcome.of(StepStatus.ABORTED, "cannot run " + a.name() + ": " + e.getMessage(), 0, List.of());
        }
        Instant end = clock.instant();
        String log = o.log() == null ? null : ctx.logDir().getFileName() + "/" + o.log();
        return new ActionRecord(a.name(), a.kindName(), phase, start, end, Duration.between(start, end).toMillis() / 1000.0, o.status(),
                redactor.redact(o.message()), o.tries(), o.waitedSeconds(), o.attempts().stream().map(redactor::redact).toList(), log);
    }

    private static ActionRecord skipped(PlanAction a, String phase, String why) {
        return new ActionRecord(a.name(), a.kindName(), phase, null, null, 0, StepStatus.SKIPPED, why, 0, null, List.of(), null);
    }

    private static List<ActionRecord> skippedAll(PlanGroup g, String why) {
        List<ActionRecord> out = new ArrayList<>();
        g.before().forEach(a -> out.add(skipped(a, "before", why)));
        g.after().forEach(a -> out.add(skipped(a, "after", why)));
        return out;
    }
}
