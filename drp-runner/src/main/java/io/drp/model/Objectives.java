package io.drp.model;

import io.drp.model.DrillReport;

/**
 * The objectives the drill was judged against. When several services share a drill these are the
 * strictest values among them; {@link DrillReport#objectiveResults()} has the per-service breakdown.
 */
public record Objectives(double rtoSeconds, double rpoSeconds, long maxLostObjects, String scenario, double sloPercent) {

    /** Minutes of downtime a month (30 days) that the availability objective allows. */
    public double monthlyErrorBudgetMinutes() {
        return (100.0 - sloPercent) / 100.0 * 30 * 24 * 60;
    }
}
