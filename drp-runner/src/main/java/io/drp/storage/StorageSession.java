package io.drp.storage;

import io.drp.config.AccountLocation;
import io.drp.config.DrpConfig;
import io.drp.config.StorageConfig;
import io.drp.secrets.Redactor;
import io.drp.storage.emulator.AzuriteEmulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The storage a command works against: the accounts from drp.yaml, or, when drp.yaml names none, the
 * embedded emulator that this session starts (data under {@code <work-dir>/emulator}) and stops on close.
 */
public final class StorageSession implements AutoCloseable {

    private final StorageConfig accounts;
    private final AzuriteEmulator emulator;
    private final StorageConnector connector;

    private StorageSession(StorageConfig accounts, AzuriteEmulator emulator, StorageConnector connector) {
        this.accounts = accounts;
        this.emulator = emulator;
        this.connector = connector;
    }

    public static StorageSession open(DrpConfig config, Path workDir) {
        StorageConnector connector = new StorageConnector();
        if (config.storage().isPresent()) {
            return new StorageSession(config.storage().get(), null, connector);
        }
        AzuriteEmulator emulator = AzuriteEmulator.start(workDir.resolve("emulator"));
        return new StorageSession(fromEmulator(emulator), emulator, connector);
    }

    public static StorageSession ofEmulator(AzuriteEmulator emulator, StorageConnector connector) {
        return new StorageSession(fromEmulator(emulator), null, connector);
    }

    private static StorageConfig fromEmulator(AzuriteEmulator e) {
        return new StorageConfig(e.account("drpprod"), e.account("drpbackup"), e.account("drprecovery"));
    }

    public StorageConfig accounts() {
        return accounts;
    }

    public StorageConnector connector() {
        return connector;
    }

    public Optional<AzuriteEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    public boolean embedded() {
        return emulator != null;
    }

    /** Every secret this session knows, for the redactor. */
    public Redactor redactor() {
        List<String> secrets = new ArrayList<>();
        for (AccountLocation a : List.of(accounts.production(), accounts.backup(), accounts.recovery())) {
            if (a.connectionString() != null) {
                String cs = a.connectionString().reveal();
                secrets.add(cs);
                String key = io.drp.config.ConnectionStrings.parse(cs).get("accountkey");
                if (key != null) secrets.add(key);
            }
            if (a.sasToken() != null) secrets.add(a.sasToken().reveal());
        }
        return new Redactor(secrets);
    }

    @Override
    public void close() {
        if (emulator != null) emulator.close();
    }
}
