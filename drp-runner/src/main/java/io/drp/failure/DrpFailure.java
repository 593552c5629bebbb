package io.drp.failure;

/**
 * Every failure drp expects, in one sealed family so that the CLI maps each kind to its documented exit code
 * in one place: a usage or configuration problem (nothing ran), a missed objective, or an aborted run.
 * Messages are written for the person who reads them and must never contain a secret.
 */
public abstract sealed class DrpFailure extends RuntimeException permits UsageFailure, ObjectiveMissed, AbortFailure {

    protected DrpFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
