package io.drp.watch;

/** Something {@code drp watch} asks every round; never throws: a failure to ask is a failed probe. */
@FunctionalInterface
public interface Probe {
    ProbeResult probe();
}
