package io.drp.model;

/**
 * One objective of one service in one scenario, with what was measured against it.
 * {@code measured} is null when the drill aborted before the figure existed; such a result is never met.
 */
public record ObjectiveResult(
        String service,
        String scenario,
        Kind kind,
        double target,
        Double measured,
        String unit,
        boolean met,
        String detail) {

    public enum Kind { RTO, RPO, INTEGRITY }

    /**
     * How a report shows the result: "met", "missed", or "not measured" for an integrity objective whose restore
     * was exact but whose loss could not be measured. An unmeasured loss is never shown as met (or as 0 lost).
     */
    public String outcome() {
        return !met ? "missed" : measured == null ? "not measured" : "met";
    }
}
