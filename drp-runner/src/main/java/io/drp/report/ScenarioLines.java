package io.drp.report;

import io.drp.model.DrillReport;
import io.drp.model.Objectives;
import io.drp.model.ServiceWindow;

/**
 * The two lines every report format (HTML, Markdown, JUnit, the console summary) gives about what a run
 * rehearsed and when: the incident level with the plan's description, and whether T0 (a drill's declared
 * disaster, a restore's incident start) fell inside a guaranteed service window. The window itself is computed
 * once, when the report is assembled, by the same {@code ServiceHours} that {@code drp status} uses.
 */
public final class ScenarioLines {

    private ScenarioLines() {}

    /** {@code incident level 2 (level-2): virtual machine failure; 30-45 min}, or the custom scenario's name. */
    public static String scenario(Objectives o) {
        if (o == null) return "-";
        if (o.incidentLevel() == null) return o.scenario() + " (custom scenario)";
        return "incident level " + o.incidentLevel() + " (" + o.scenario() + "): " + o.scenarioDescription();
    }

    /** What T0 is called in this report. */
    public static String instant(DrillReport r) {
        return DrillReport.RESTORE.equals(r.kind()) ? "incident start" : "T0";
    }

    /**
     * {@code inside the guaranteed window restoration; next window opens 2026-11-28T09:00:00Z (intervention, Europe/Paris)};
     * null when the report carries no window (one written before service hours existed).
     */
    public static String window(ServiceWindow w) {
        if (w == null) return null;
        String where = w.inside() ? "inside the guaranteed window " + w.window() : "outside the guaranteed windows";
        return where + "; next window opens " + (w.nextOpensAt() == null ? "never (no window on any day)"
                : w.nextOpensAt() + " (" + w.nextWindow() + ", " + w.zone() + ")");
    }

    /** The window line of a report, or null: {@code SLA window at T0: inside ...}. */
    public static String window(DrillReport r) {
        String w = r.measured() == null ? null : window(r.measured().serviceWindow());
        return w == null ? null : "SLA window at " + instant(r) + ": " + w;
    }
}
