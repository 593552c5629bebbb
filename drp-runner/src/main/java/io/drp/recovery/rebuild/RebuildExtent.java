package io.drp.recovery.rebuild;

import io.drp.config.IncidentLevel;

/**
 * How much of the recovery environment a run rebuilds, from its incident level (see README, "Incident levels"):
 * level 1 rebuilds nothing (the data is restored into what stands), level 2 the failed service's application tier
 * and its containers, level 3 the whole recovery stack. A custom scenario is a full rebuild, as before the levels.
 */
public enum RebuildExtent {
    NOTHING, SERVICE, STACK;

    public static RebuildExtent forScenario(String scenario) {
        return IncidentLevel.ofScenario(scenario).map(l -> switch (l) {
            case LEVEL_1 -> NOTHING;
            case LEVEL_2 -> SERVICE;
            case LEVEL_3 -> STACK;
        }).orElse(STACK);
    }

    /** As reports and step details name it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
