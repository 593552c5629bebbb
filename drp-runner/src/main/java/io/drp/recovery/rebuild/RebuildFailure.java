package io.drp.recovery.rebuild;

import io.drp.failure.AbortFailure;

/** The recovery environment could not be rebuilt: Pulumi failed, or the stack does not match drp.yaml. */
public final class RebuildFailure extends AbortFailure {

    public RebuildFailure(String message) {
        super(message);
    }

    public RebuildFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
