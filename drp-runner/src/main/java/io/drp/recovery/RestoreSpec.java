package io.drp.recovery;

import java.time.Instant;
import java.util.Objects;

/**
 * What a real recovery adds to a run. {@code at} selects the newest restorable point at or before it, and
 * the RPO is measured against it; {@code pointId} ("chainId/seq") selects that exact point instead.
 * {@code label} selects the newest full snapshot carrying it. {@code judged} is false without {@code --scenario}: the run then passes when everything restored verified.
 */
public record RestoreSpec(Instant at, String pointId, String label, Scope scope, Destination destination, boolean overwrite, boolean judged) {

    /** Where the data goes. Production is written only when the caller has confirmed it ({@code --yes}). */
    public enum Destination { RECOVERY, PRODUCTION }

    public RestoreSpec {
        Objects.requireNonNull(at, "'at' cannot be null.");
        Objects.requireNonNull(scope, "'scope' cannot be null.");
        Objects.requireNonNull(destination, "'destination' cannot be null.");
    }
}
