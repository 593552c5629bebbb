package io.drp.testing;

import io.drp.storage.emulator.AzuriteEmulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The drp.yaml an operator writes for the fixture's accounts: connection strings from the environment
 * ({@code ${env:PROD_CS}} and so on), one service over the fixture's three containers, the fixture's public key (a
 * child {@code drp backup} also needs {@link #signingEnv}). For tests that run drp
 * as a separate process, or load the file as the CLI would.
 */
public final class EnvConfig {

    private EnvConfig() {}

    /** @param backupOptions more keys of the {@code backup:} mapping, e.g. {@code ", parallelism: 1"}; empty for none */
    public static String yaml(DrillFixture f, String backupOptions) {
        return """
                version: 1
                storage:
                  production: { connectionString: "${env:PROD_CS}" }
                  backup: { connectionString: "${env:BACKUP_CS}" }
                  recovery: { connectionString: "${env:RECOVERY_CS}" }
                backup: { container: %s-backups, signing: { publicKeys: ["%s"] }%s }
                services:
                  all:
                    containers: [%s, %s, %s]
                    objectives:
                      region-outage: { rto: 10m, rpo: 1h }
                """.formatted(f.prefix, f.publicKey.toAbsolutePath(), backupOptions, f.orders(), f.invoices(), f.media());
    }

    /** The backup job's private key, for a child {@code drp backup}. */
    public static Map<String, String> signingEnv(DrillFixture f) {
        return Map.of(io.drp.config.BackupSigning.KEY_FILE_ENV, f.signingKey.toString());
    }

    /** The environment {@link #yaml} reads: each account's connection string, key included. */
    public static Map<String, String> env(AzuriteEmulator azurite) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PROD_CS", azurite.account("drpprod").connectionString().reveal());
        env.put("BACKUP_CS", azurite.account("drpbackup").connectionString().reveal());
        env.put("RECOVERY_CS", azurite.account("drprecovery").connectionString().reveal());
        return env;
    }
}
