package io.drp.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A business service: the production containers that hold its data and its objectives per scenario. */
public record ServiceConfig(String name, List<String> containers, Map<String, ScenarioObjectives> objectives, double sloPercent) {

    /** Availability objective used when a service declares none: "three nines". */
    public static final double DEFAULT_SLO = 99.9;

    public ServiceConfig(String name, List<String> containers, Map<String, ScenarioObjectives> objectives) {
        this(name, containers, objectives, DEFAULT_SLO);
    }

    public ServiceConfig {
        if (!(sloPercent > 0 && sloPercent < 100)) throw new IllegalArgumentException("slo must be a percentage between 0 and 100, e.g. 99.9");
        Objects.requireNonNull(name, "'name' cannot be null.");
        containers = List.copyOf(containers);
        objectives = Map.copyOf(objectives);
        if (containers.isEmpty()) throw new IllegalArgumentException("a service needs at least one container");
    }
}
