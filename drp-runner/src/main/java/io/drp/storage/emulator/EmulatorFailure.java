package io.drp.storage.emulator;

import io.drp.failure.AbortFailure;

/** The embedded emulator could not be installed, started or reached. */
public final class EmulatorFailure extends AbortFailure {

    public EmulatorFailure(String message) {
        super(message);
    }

    public EmulatorFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
