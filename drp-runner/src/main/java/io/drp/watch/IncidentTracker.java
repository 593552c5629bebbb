package io.drp.watch;

import io.drp.config.IncidentLevel;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The trigger's rules, pure: one round of probe results and "now" in, the next state and its transitions out.
 * <ul>
 *   <li>An outage starts at the first round in which any probe fails; one round in which every probe answers ends it.</li>
 *   <li>Once it has lasted the tolerance (the SLA's 10 minutes: "resolution is immediate when it takes under 10
 *       minutes"), it is an incident whose start is that first failure.</li>
 *   <li>Its level comes from what failed and for how long: only functional probes failing is an application
 *       failure (level 1), a storage account not answering is level 2; level 1 becomes 2 at 30 minutes (the top of
 *       the plan's level-1 window) and anything becomes 3 at 45 minutes (the plan's escalation from 2 to 3).</li>
 * </ul>
 */
public final class IncidentTracker {

    static final Duration LEVEL_1_ENDS = Duration.ofMinutes(30);
    static final Duration LEVEL_2_ENDS = Duration.ofMinutes(45);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'-'HHmmss").withZone(ZoneOffset.UTC);

    private final Duration tolerance;

    public IncidentTracker(Duration tolerance) {
        this.tolerance = tolerance;
    }

    public record Round(WatchState state, List<Transition> transitions) {}

    public Round next(WatchState s, List<ProbeResult> results, Instant now) {
        if (results.isEmpty()) throw new IllegalArgumentException("a round needs at least one probe");
        List<String> failing = results.stream().filter(r -> !r.ok()).map(r -> r.name() + ": " + r.detail()).toList();
        List<Transition> out = new ArrayList<>();
        if (failing.isEmpty()) {
            if (s.phase() != WatchState.Phase.UP) {
                out.add(transition(Transition.Type.RECOVERED, now, s, s.level(), List.of()));
            }
            return new Round(WatchState.up(now), out);
        }
        Set<ProbeResult.Kind> kinds = EnumSet.noneOf(ProbeResult.Kind.class);
        kinds.addAll(s.failingKinds());
        results.stream().filter(r -> !r.ok()).forEach(r -> kinds.add(r.kind()));
        Set<String> probes = new java.util.TreeSet<>(s.failedProbes());
        results.stream().filter(r -> !r.ok()).forEach(r -> probes.add(r.name()));
        Instant start = s.phase() == WatchState.Phase.UP ? now : s.outageStart();
        String id = s.incidentId() != null ? s.incidentId() : "i" + ID.format(start);
        Duration lasted = Duration.between(start, now);
        WatchState next;
        if (lasted.compareTo(tolerance) < 0) {
            next = new WatchState(WatchState.Phase.SUSPECTED, start, kinds, null, id, false, now, failing, probes);
            if (s.phase() == WatchState.Phase.UP) out.add(transition(Transition.Type.SUSPECTED, now, next, null, failing));
            return new Round(next, out);
        }
        int level = level(lasted, kinds);
        // a level never goes down during one incident: probes recovering partially do not de-escalate it
        if (s.level() != null) level = Math.max(level, s.level());
        next = new WatchState(WatchState.Phase.DECLARED, start, kinds, level, id, s.responded(), now, failing, probes);
        if (s.phase() == WatchState.Phase.UP) out.add(transition(Transition.Type.SUSPECTED, now, next, null, failing));
        if (s.phase() != WatchState.Phase.DECLARED) {
            out.add(transition(Transition.Type.DECLARED, now, next, level, failing));
        } else if (level > s.level()) {
            out.add(transition(Transition.Type.ESCALATED, now, next, level, failing));
        }
        return new Round(next, out);
    }

    static int level(Duration lasted, Set<ProbeResult.Kind> kinds) {
        if (lasted.compareTo(LEVEL_2_ENDS) >= 0) return 3;
        if (kinds.contains(ProbeResult.Kind.INFRASTRUCTURE) || lasted.compareTo(LEVEL_1_ENDS) >= 0) return 2;
        return 1;
    }

    private static Transition transition(Transition.Type type, Instant now, WatchState s, Integer level, List<String> failing) {
        Instant start = s.outageStart();
        IncidentLevel l = level == null ? null : IncidentLevel.ofNumber(level);
        return new Transition(type, now, s.incidentId(), start, start == null ? 0 : Duration.between(start, now).toMillis() / 1000.0,
                level, l == null ? null : l.scenario(), l == null ? null : l.description(), failing);
    }
}
