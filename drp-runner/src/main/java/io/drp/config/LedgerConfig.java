package io.drp.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the drill history goes: always a local directory; also a blob container in the recovery account
 * when {@code container} is set (a drill may write there, unlike production and backups). {@code publicKeys}:
 * the Ed25519 public keys (PEM files) the ledger's signatures are checked against, by key id; several, so a
 * rotated key's records still verify. Empty: signatures are seen but not checked.
 */
public record LedgerConfig(Path dir, String container, int retentionDays, List<Path> publicKeys) {

    public LedgerConfig {
        publicKeys = publicKeys == null ? List.of() : List.copyOf(publicKeys);
    }

    public LedgerConfig(Path dir, String container, int retentionDays) {
        this(dir, container, retentionDays, List.of());
    }

    public static LedgerConfig defaults() {
        return new LedgerConfig(Path.of(".drp", "ledger"), null, 400);
    }
}
