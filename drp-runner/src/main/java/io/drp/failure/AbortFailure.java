package io.drp.failure;

/**
 * The run could not complete: storage, backups, infrastructure or drp's own state: exit 3. Subclasses say
 * which, so a report or a caller can tell a bad SAS from a broken backup without reading the message.
 */
public non-sealed class AbortFailure extends DrpFailure {

    public AbortFailure(String message) {
        super(message, null);
    }

    public AbortFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
