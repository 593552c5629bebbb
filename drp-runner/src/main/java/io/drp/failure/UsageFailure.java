package io.drp.failure;

/** Bad usage or configuration, found before anything ran: exit 2. */
public non-sealed class UsageFailure extends DrpFailure {

    public UsageFailure(String message) {
        super(message, null);
    }
}
