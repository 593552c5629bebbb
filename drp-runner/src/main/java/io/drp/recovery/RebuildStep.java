package io.drp.recovery;

import io.drp.model.Finding;
import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;
import io.drp.storage.StorageError;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Step 2: bring up the environment the data is restored into, through the configured recovery target. */
final class RebuildStep implements Step<RecoveryState> {

    private final RecoveryContext ctx;
    private final RestoreJournal journal;

    RebuildStep(RecoveryContext ctx, RestoreJournal journal) {
        this.ctx = ctx;
        this.journal = journal;
    }

    @Override
    public String name() {
        return "rebuild";
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        var targets = PlanStep.containers(st).stream().map(st.request.scope()::target).toList();
        var extent = io.drp.recovery.rebuild.RebuildExtent.forScenario(st.request.scenario());
        st.environment = ctx.target().rebuild(st.request.runId(), targets, st.request.resume(), extent);
        var spec = st.request.restore();
        if (spec != null && (spec.overwrite() || st.request.resume())) {
            // a resumed restore checks the target as a fresh one does: only what this run itself committed may be there
            Overwrites.Found found = Overwrites.find(st, journal);
            if (!spec.overwrite() && found.foreign() > 0) {
                throw new StorageError("the target holds " + found.foreign() + " object(s) that restore " + st.request.runId()
                        + " did not write, e.g. " + found.example() + "; nothing more was written. Resume with --overwrite to replace "
                        + "same-named objects (objects not in the point are never deleted)");
            }
            st.replaced = found.replaced();
        }
        Map<String, Object> d = new LinkedHashMap<>(st.environment.details());
        d.put("target", ctx.target().describe());
        d.put("extent", extent.label());
        d.put("containers", st.environment.containers().size());
        if (st.request.restore() != null) d.put("replacedObjects", st.replaced.count());
        var left = st.environment.leftovers();
        if (left.objects() > 0) {
            // housekeeping of a drill after --keep, not recovery: shown here and left out of the RTO
            d.put("leftoversCleared", left.objects());
            d.put("leftoverClearRequests", left.requests());
            d.put("leftoverClearSeconds", Timeline.seconds(left.took().toNanos()));
            d.put("leftoverClearExcludedFromRto", true);
            st.findings.add(new Finding(Finding.Severity.INFO, "LEFTOVERS_CLEARED", String.format(Locale.ROOT,
                    "%d objects a previous drill left in the recovery containers were deleted in %.3f s (%d batch requests); the RTO leaves that time out",
                    left.objects(), left.took().toMillis() / 1000.0, left.requests()),
                    "Drills after --keep start by clearing; tear the kept environment down when done with it to skip this."));
        }
        return d;
    }
}
