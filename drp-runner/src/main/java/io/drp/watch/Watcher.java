package io.drp.watch;

import io.drp.config.WatchConfig;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code drp watch}'s engine: probe, track, remember, notify, and, only when configured AND confirmed, respond.
 * The clock is injected, so tests move time by hand; the response is injected, so the engine never depends on
 * the command line that runs it.
 */
public final class Watcher {

    /** Runs the response's drp command and returns its exit code. */
    @FunctionalInterface
    public interface Responder {
        int run(ResponsePlan plan);
    }

    /** Waits between rounds; returns early when asked to stop. */
    @FunctionalInterface
    public interface Pause {
        void between(java.time.Duration d, BooleanSupplier stop) throws InterruptedException;
    }

    /** What one round did, for the caller and for tests. */
    public record RoundOutcome(WatchState state, List<ProbeResult> results, List<Transition> transitions, ResponsePlan plan,
                               Integer responseExit) {}

    private final WatchConfig config;
    private final List<Probe> probes;
    private final StateStore store;
    private final TransitionNotifier notifier;
    private final Responder responder;
    private final boolean auto;
    private final Path configFile;
    private final Path workDir;
    private final Clock clock;
    private final PrintWriter out;
    private final io.drp.config.ServiceHours hours;

    public Watcher(WatchConfig config, List<Probe> probes, StateStore store, TransitionNotifier notifier, Responder responder,
                   boolean auto, Path configFile, Path workDir, Clock clock, PrintWriter out) {
        this(config, probes, store, notifier, responder, auto, configFile, workDir, clock, out, io.drp.config.ServiceHours.plansDefault());
    }

    /** @param auto {@code --auto}: without it the configured response is printed, never run */
    public Watcher(WatchConfig config, List<Probe> probes, StateStore store, TransitionNotifier notifier, Responder responder,
                   boolean auto, Path configFile, Path workDir, Clock clock, PrintWriter out, io.drp.config.ServiceHours hours) {
        if (probes.isEmpty()) throw new IllegalArgumentException("a watch needs at least one probe");
        this.config = config;
        this.probes = List.copyOf(probes);
        this.store = store;
        this.notifier = notifier;
        this.responder = responder;
        this.auto = auto;
        this.configFile = configFile;
        this.workDir = workDir;
        this.clock = clock;
        this.out = out;
        this.hours = hours;
    }

    /** Whether this watch runs its response itself. */
    public boolean responds() {
        return auto && config.response() != WatchConfig.Response.NOTIFY;
    }

    public RoundOutcome round() {
        WatchState before = store.load(clock.instant());
        List<ProbeResult> results = new ArrayList<>();
        for (Probe p : probes) results.add(p.probe());
        IncidentTracker.Round r = new IncidentTracker(config.tolerance()).next(before, results, clock.instant());
        WatchState state = r.state();
        store.save(state);
        ResponsePlan plan = state.phase() == WatchState.Phase.DECLARED
                ? ResponsePlan.of(config, responds(), configFile, workDir, state.outageStart(), state.level(), services(state)) : null;
        for (Transition t : r.transitions()) {
            ResponsePlan shown = t.type() == Transition.Type.RECOVERED ? null : plan;
            var window = t.incidentStart() == null ? null : hours.at(t.incidentStart());
            out.println(t.at() + " " + TransitionNotifier.text(t, shown));
            if (t.type() == Transition.Type.DECLARED && window != null) {
                out.println("  SLA window at the incident start: " + (window.open() ? "inside (" + window.current() + ")" : "outside")
                        + "; next opens " + window.nextOpensAt() + " (" + window.zone() + ")");
            }
            notifier.send(t, shown, window).forEach(n -> out.println("  " + n));
        }
        Integer exit = null;
        if (plan != null && plan.automatic() && !state.responded()) {
            // recorded before it runs: a crash mid-restore must not start a second one (finish it with --resume)
            state = new WatchState(state.phase(), state.outageStart(), state.failingKinds(), state.level(), state.incidentId(), true,
                    state.lastRoundAt(), state.failing(), state.failedProbes());
            store.save(state);
            out.println("  responding: " + plan.commandLine());
            out.flush();
            exit = responder.run(plan);
            out.println("  response exited " + exit + " (" + plan.args().get(0) + "; see its report and 'drp history')");
        }
        out.flush();
        return new RoundOutcome(state, results, r.transitions(), plan, exit);
    }

    /**
     * The services whose functional probes failed, when only functional probes failed: a level-1 or level-2 incident
     * then restores those services only. Empty (every service) when the storage account itself was down, or when a
     * failing probe names no service.
     */
    private java.util.SortedSet<String> services(WatchState s) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        if (s.failingKinds().contains(ProbeResult.Kind.INFRASTRUCTURE)) return out;
        for (String probe : s.failedProbes()) {
            var declared = config.functional().stream().filter(p -> p.name().equals(probe)).findFirst();
            if (declared.isEmpty() || declared.get().service() == null) return new java.util.TreeSet<>();
            out.add(declared.get().service());
        }
        return out;
    }

    /** Rounds every interval until {@code stop} says so (SIGTERM in the foreground); the round in progress finishes first. */
    public void run(BooleanSupplier stop, Pause pause) throws InterruptedException {
        out.println("watching " + probes.size() + " probe(s) every " + io.drp.config.Durations.format(config.interval()) + ", tolerance "
                + io.drp.config.Durations.format(config.tolerance()) + ", response " + config.response().name().toLowerCase(java.util.Locale.ROOT)
                + (responds() ? " (automatic)" : config.response() == WatchConfig.Response.NOTIFY ? "" : " (printed only: no --auto)"));
        out.flush();
        while (!stop.getAsBoolean()) {
            round();
            pause.between(config.interval(), stop);
        }
        out.println("watch stopped; state kept in " + store.file());
        out.flush();
    }
}
