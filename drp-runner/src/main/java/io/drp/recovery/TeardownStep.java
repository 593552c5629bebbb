package io.drp.recovery;

import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;

import java.util.Map;

/** After the report: remove what rebuild created, so a weekly drill leaves no cost behind. */
final class TeardownStep implements Step<RecoveryState> {

    private final RecoveryContext ctx;

    TeardownStep(RecoveryContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return "teardown";
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        ctx.target().teardown(st.environment);
        return Map.of("containers", st.environment.containers().size());
    }
}
