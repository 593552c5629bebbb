package io.drp.recovery.rebuild;

import io.drp.failure.AbortFailure;
import io.drp.pipeline.DetailedFailure;

import java.util.Map;

/**
 * The recovery environment could not be rebuilt: Pulumi failed, or the stack does not match drp.yaml. A failure
 * during {@code pulumi up} carries the resource operations timed until then, so the report names the one that failed.
 */
public final class RebuildFailure extends AbortFailure implements DetailedFailure {

    private final Map<String, Object> details;

    public RebuildFailure(String message) {
        this(message, null, Map.of());
    }

    public RebuildFailure(String message, Throwable cause) {
        this(message, cause, Map.of());
    }

    public RebuildFailure(String message, Throwable cause, Map<String, ?> details) {
        super(message, cause);
        this.details = Map.copyOf(details);
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
