package io.drp.config;

import java.util.List;
import java.util.Objects;

/**
 * A recovery plan ({@code plans:} in drp.yaml): ordered groups of services, each with actions that bring the
 * service back after its data is restored. The scenarios listed name this plan; any other scenario runs the
 * built-in {@link #builtIn() default}: restore and verify the data, no actions, which is drp's behaviour before plans.
 */
public record RecoveryPlan(String name, List<String> scenarios, List<PlanGroup> groups, int line) {

    public static final String DEFAULT = "default";

    public RecoveryPlan {
        Objects.requireNonNull(name, "'name' cannot be null.");
        scenarios = List.copyOf(scenarios);
        groups = List.copyOf(groups);
    }

    /** The plan of a scenario no plan names: the data steps only, so the RTO still ends at verification. */
    public static RecoveryPlan builtIn() {
        return new RecoveryPlan(DEFAULT, List.of(), List.of(), 0);
    }

    /** True when the plan has nothing to run after the data: the run is exactly what it was before plans. */
    public boolean dataOnly() {
        return groups.stream().allMatch(g -> g.before().isEmpty() && g.after().isEmpty());
    }
}
