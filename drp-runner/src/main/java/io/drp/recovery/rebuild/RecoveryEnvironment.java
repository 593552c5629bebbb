package io.drp.recovery.rebuild;

import io.drp.storage.StorageAccount;

import java.util.List;
import java.util.Map;

/** The rebuilt recovery side: the account and containers that restore writes into. */
public record RecoveryEnvironment(StorageAccount account, List<String> containers, Map<String, String> details) {

    public RecoveryEnvironment {
        containers = List.copyOf(containers);
        details = Map.copyOf(details);
    }
}
