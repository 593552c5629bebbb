package io.drp.failure;

/** drp's own files (drill state, resume journal, ledger) cannot be read or written. */
public final class StateFailure extends AbortFailure {

    public StateFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
