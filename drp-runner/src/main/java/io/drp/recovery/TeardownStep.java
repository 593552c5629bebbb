package io.drp.recovery;

import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;

import io.drp.model.Finding;
import io.drp.recovery.rebuild.TeardownIncomplete;

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
        try {
            ctx.target().teardown(st.environment);
        } catch (TeardownIncomplete e) {
            st.teardownFinding = new Finding(Finding.Severity.WARNING, "TEARDOWN_INCOMPLETE", e.getMessage()
                    + "; drill stack " + e.stack() + " is still up and costs money until removed", "run: " + e.command());
            throw e;
        }
        String stack = st.environment.details().get("stack");
        return stack == null ? Map.of("containers", st.environment.containers().size())
                : Map.of("containers", st.environment.containers().size(), "stack", stack);
    }
}
