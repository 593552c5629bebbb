package io.drp.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A business service: the production containers that hold its data and its objectives per scenario. */
public record ServiceConfig(String name, List<String> containers, Map<String, ScenarioObjectives> objectives) {

    public ServiceConfig {
        Objects.requireNonNull(name, "'name' cannot be null.");
        containers = List.copyOf(containers);
        objectives = Map.copyOf(objectives);
        if (containers.isEmpty()) throw new IllegalArgumentException("a service needs at least one container");
    }
}
