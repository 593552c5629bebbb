package io.drp.failure;

/**
 * The command completed but what it checked is not good enough: exit 1. Drills say this through their
 * verdict; commands without a report (a broken ledger chain, a blocking readiness finding) throw it.
 */
public final class ObjectiveMissed extends DrpFailure {

    public ObjectiveMissed(String message) {
        super(message, null);
    }
}
