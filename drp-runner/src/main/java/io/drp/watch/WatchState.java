package io.drp.watch;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code drp watch} remembers between rounds (and between {@code --once} runs, in the work directory).
 * {@code outageStart} is the first failed probe round of the current run of failures; {@code failingKinds} every
 * probe kind that failed during it; {@code level} and {@code incidentId} are set once the incident is declared;
 * {@code responded} makes the automatic response run once per incident, even across restarts; {@code failedProbes} names
 * every probe that failed during the outage, so the response can be scoped to the services behind them.
 */
public record WatchState(Phase phase, Instant outageStart, Set<ProbeResult.Kind> failingKinds, Integer level, String incidentId,
                         boolean responded, Instant lastRoundAt, List<String> failing, Set<String> failedProbes) {

    public enum Phase { UP, SUSPECTED, DECLARED }

    public WatchState {
        phase = phase == null ? Phase.UP : phase;
        failingKinds = failingKinds == null ? Set.of() : Set.copyOf(new TreeSet<>(failingKinds));
        failing = failing == null ? List.of() : List.copyOf(failing);
        failedProbes = failedProbes == null ? Set.of() : Set.copyOf(new TreeSet<>(failedProbes));
        if ((phase == Phase.UP) != (outageStart == null)) throw new IllegalArgumentException("an outage has a start, and only an outage");
        if ((phase == Phase.DECLARED) != (level != null)) throw new IllegalArgumentException("a declared incident, and only one, has a level");
    }

    public static WatchState up(Instant at) {
        return new WatchState(Phase.UP, null, Set.of(), null, null, false, at, List.of(), Set.of());
    }
}
