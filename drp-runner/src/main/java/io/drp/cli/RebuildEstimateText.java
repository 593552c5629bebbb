package io.drp.cli;

import io.drp.model.RebuildEstimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dry run's rebuild estimate as console lines; the assumption behind the sum is part of the first line. */
final class RebuildEstimateText {

    private RebuildEstimateText() {}

    static List<String> lines(RebuildEstimate e) {
        List<String> out = new ArrayList<>();
        if (e.pastDrills() == 0) {
            out.add("rebuild estimate: unknown; no past drill in the ledger recorded resource timings");
        } else {
            out.add(String.format(Locale.ROOT, "rebuild estimate: %.1f s from the last %d drill(s) in the ledger: the median per resource type, "
                    + "summed as if one ran after another (Pulumi runs independent resources in parallel, so expect less)",
                    e.serialSeconds(), e.pastDrills()));
        }
        for (RebuildEstimate.Line l : e.lines()) {
            out.add(l.known()
                    ? String.format(Locale.ROOT, "  %s %s: %d x %.1f s (median of %d) = %.1f s", l.op(), l.type(), l.count(),
                            l.medianSeconds(), l.samples(), l.seconds())
                    : String.format("  %s %s: %d x ? (no history for %s)", l.op(), l.type(), l.count(), l.type()));
        }
        if (e.ledgerNote() != null) out.add("  " + e.ledgerNote());
        int unknown = e.withoutHistory().size();
        if (e.pastDrills() > 0 && unknown > 0) out.add("  the estimate leaves out " + unknown + " type(s) without history");
        return out;
    }
}
