package io.drp.recovery;

import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;

import java.util.LinkedHashMap;
import java.util.Map;

/** Step 2: bring up the environment the data is restored into, through the configured recovery target. */
final class RebuildStep implements Step<RecoveryState> {

    private final RecoveryContext ctx;

    RebuildStep(RecoveryContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "rebuild";
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        st.environment = ctx.target().rebuild(st.request.runId(), PlanStep.containers(st.plan), st.request.resume());
        Map<String, Object> d = new LinkedHashMap<>(st.environment.details());
        d.put("target", ctx.target().describe());
        d.put("containers", st.environment.containers().size());
        return d;
    }
}
