package io.drp.cli;

import io.drp.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the ledger is: --ledger, else ledger.dir of drp.yaml when it exists, else .drp/ledger. */
public final class LedgerOptions {

    @Option(names = "--ledger", paramLabel = "DIR", description = "Ledger directory (default: ledger.dir of drp.yaml, else .drp/ledger).")
    Path ledger;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "drp.yaml", description = "Objectives file, for ledger.dir (default: $DRP_CONFIG, else drp.yaml).")
    Path config;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "Ed25519 public key (PEM) the ledger's signatures are checked against, by key id; repeatable, "
                    + "added to ledger.publicKeys of drp.yaml. Without any key, signatures are not checked.")
    java.util.List<Path> publicKeys = new java.util.ArrayList<>();

    /** The keys to check signatures with: ledger.publicKeys of drp.yaml (when it exists) and every --public-key. */
    io.drp.ledger.LedgerKeys keys() {
        io.drp.config.LedgerConfig configured = Files.isRegularFile(config) ? ConfigLoader.withoutSecrets().load(config).ledger()
                : io.drp.config.LedgerConfig.defaults();
        return io.drp.ledger.LedgerKeys.configured(configured, publicKeys);
    }

    Path dir() {
        if (ledger != null) return ledger;
        if (Files.isRegularFile(config)) return ConfigLoader.withoutSecrets().load(config).ledger().dir();
        return Path.of(".drp", "ledger");
    }

    /** Where reports and their archive/ are: drill.reportDir of drp.yaml when it exists, else drill-reports. */
    Path reportDir() {
        if (Files.isRegularFile(config)) return ConfigLoader.withoutSecrets().load(config).drill().reportDir();
        return Path.of("drill-reports");
    }
}
