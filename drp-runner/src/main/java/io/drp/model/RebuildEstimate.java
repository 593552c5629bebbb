package io.drp.model;

import java.util.List;

/**
 * How long a rebuild would take, estimated before it runs from the resource timings of past drills. One line per
 * {@code <op> <type>} the preview plans; a line without history has no median and adds nothing to the total.
 * The total assumes the operations run one after another: the preview does not say which ones Pulumi may run
 * side by side, so a rebuild with independent resources should finish sooner than this.
 *
 * @param pastDrills the ledger records the medians were taken from (those that carry rebuild timings)
 * @param ledgerNote null when the ledger verified; else where it breaks: the records after the break were left out
 */
public record RebuildEstimate(int pastDrills, List<Line> lines, String ledgerNote) {

    public RebuildEstimate(int pastDrills, List<Line> lines) {
        this(pastDrills, lines, null);
    }

    /**
     * @param count         how many resources of this type the preview plans
     * @param samples       how many past operations of this type the median is over; 0 when there is no history
     * @param medianSeconds null when there is no history
     */
    public record Line(String op, String type, int count, int samples, Double medianSeconds) {
        public boolean known() {
            return medianSeconds != null;
        }

        public double seconds() {
            return known() ? count * medianSeconds : 0;
        }
    }

    public RebuildEstimate {
        lines = List.copyOf(lines);
    }

    /** The sum over the lines with history, one after another. */
    public double serialSeconds() {
        return lines.stream().mapToDouble(Line::seconds).sum();
    }

    /** The types the ledger has never seen this operation on, in the preview's order. */
    public List<String> withoutHistory() {
        return lines.stream().filter(l -> !l.known()).map(Line::type).distinct().toList();
    }
}
