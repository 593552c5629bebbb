package io.drp.config;

import java.nio.file.Path;

/**
 * Where the drill history goes: always a local directory; also a blob container in the recovery account
 * when {@code container} is set (a drill may write there, unlike production and backups).
 */
public record LedgerConfig(Path dir, String container, int retentionDays) {

    public static LedgerConfig defaults() {
        return new LedgerConfig(Path.of(".drp", "ledger"), null, 400);
    }
}
