package io.drp.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One group of a recovery plan: services brought back together, then their {@code after} actions. Groups run in
 * file order. {@code rto} is the group's own objective ("orders answering within 20 min"), or null.
 */
public record PlanGroup(String name, List<String> services, Duration rto, List<PlanAction> before, List<PlanAction> after) {

    public PlanGroup {
        Objects.requireNonNull(name, "'name' cannot be null.");
        services = List.copyOf(services);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
