package io.drp.storage;

import io.drp.failure.AbortFailure;

/**
 * A storage failure the drill cannot work around (account unreachable, container missing, permission
 * denied). It aborts the drill; the message is already fit for the report and must never contain a secret.
 */
public class StorageError extends AbortFailure {

    public StorageError(String message) {
        super(message);
    }

    public StorageError(String message, Throwable cause) {
        super(message, cause);
    }
}
