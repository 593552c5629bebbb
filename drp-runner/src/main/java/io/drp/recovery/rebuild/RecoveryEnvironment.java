package io.drp.recovery.rebuild;

import io.drp.storage.StorageAccount;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The rebuilt recovery side: the account and containers that restore writes into, and the leftovers cleared first. */
public record RecoveryEnvironment(StorageAccount account, List<String> containers, Map<String, String> details, Leftovers leftovers) {

    public RecoveryEnvironment {
        containers = List.copyOf(containers);
        details = Map.copyOf(details);
        Objects.requireNonNull(leftovers, "'leftovers' cannot be null.");
    }

    public RecoveryEnvironment(StorageAccount account, List<String> containers, Map<String, String> details) {
        this(account, containers, details, Leftovers.NONE);
    }

    /** The same environment described by more details, as a wrapping target adds its own. */
    public RecoveryEnvironment withDetails(Map<String, String> more) {
        return new RecoveryEnvironment(account, containers, more, leftovers);
    }
}
