package io.drp.config;

import java.util.Objects;

/** The three accounts a drill touches. Production and backup are only ever read by a drill. */
public record StorageConfig(AccountLocation production, AccountLocation backup, AccountLocation recovery) {

    public StorageConfig {
        Objects.requireNonNull(production, "'production' cannot be null.");
        Objects.requireNonNull(backup, "'backup' cannot be null.");
        Objects.requireNonNull(recovery, "'recovery' cannot be null.");
        AccountRoles.firstClash(java.util.List.of(production, backup, recovery)).ifPresent(c -> {
            throw new IllegalArgumentException("two storage roles are the same account (" + c.account() + "); each role needs its own");
        });
    }
}
