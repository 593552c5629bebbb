package io.drp.model;

/**
 * The objectives the drill was judged against. When several services share a drill these are the
 * strictest values among them; {@link DrillReport#objectiveResults()} has the per-service breakdown.
 * {@code incidentLevel} and {@code scenarioDescription} are set when the scenario is one of the plan's
 * incident levels, so a report read on its own says which incident it rehearsed; null for custom scenarios.
 */
public record Objectives(double rtoSeconds, double rpoSeconds, long maxLostObjects, String scenario, double sloPercent,
                         Integer incidentLevel, String scenarioDescription) {

    /** Objectives of a custom scenario (no incident level). */
    public Objectives(double rtoSeconds, double rpoSeconds, long maxLostObjects, String scenario, double sloPercent) {
        this(rtoSeconds, rpoSeconds, maxLostObjects, scenario, sloPercent, null, null);
    }

    /** Minutes of downtime a month (30 days) that the availability objective allows. */
    public double monthlyErrorBudgetMinutes() {
        return (100.0 - sloPercent) / 100.0 * 30 * 24 * 60;
    }
}
