package io.drp.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands that never connect load drp.yaml without credentials; the first use of a secret is where it must exist. */
class DeferredSecretsTest {

    private static final String YAML = """
            version: 1
            storage:
              production: { accountUrl: https://p.blob.core.windows.net }
              backup: { connectionString: "${env:DRP_T_BACKUP}" }
              recovery: { accountUrl: https://r.blob.core.windows.net, sasToken: "${env:DRP_T_SAS}" }
            backup: { container: drp-backups, incrementalEvery: 1h }
            services:
              orders:
                containers: [orders]
                objectives:
                  region-outage: { rto: 30m, rpo: 1h }
            drill:
              notify: { webhook: "${env:DRP_T_HOOK}" }
            """;

    private static DrpConfig parse(ConfigLoader loader) {
        return loader.parse("drp.yaml", Path.of("drp.yaml"), YAML, "0".repeat(64));
    }

    @Test
    void withoutSecretsAnUnsetVariableIsAWarningNamingFileLineAndField() {
        DrpConfig c = parse(ConfigLoader.withoutSecrets(k -> null));
        assertEquals(3, c.warnings().size(), c.warnings().toString());
        ConfigWarning backup = c.warnings().get(0);
        assertEquals(4, backup.line());
        assertEquals("storage.backup.connectionString", backup.field());
        assertTrue(backup.message().contains("DRP_T_BACKUP is not set"), backup.message());
        assertEquals("drill.notify.webhook", c.warnings().get(2).field());
    }

    @Test
    void aDeferredSecretFailsAtFirstUseWithTheSameErrorAsAnEagerLoad() {
        ConfigException eager = assertThrows(ConfigException.class, () -> parse(new ConfigLoader(k -> null)));
        DrpConfig c = parse(ConfigLoader.withoutSecrets(k -> null));
        Secret cs = c.storage().orElseThrow().backup().connectionString();
        ConfigException late = assertThrows(ConfigException.class, cs::reveal);
        assertEquals("drp.yaml:4: storage.backup.connectionString: environment variable DRP_T_BACKUP is not set; export it before running drp",
                late.getMessage());
        assertEquals(eager.getMessage(), late.getMessage());
        assertEquals(4, late.line());
        assertEquals("storage.backup.connectionString", late.field());
    }

    @Test
    void aDeferredSecretReadsTheEnvironmentWhenFirstRevealedAndKeepsTheValue() {
        Map<String, String> env = new HashMap<>();
        DrpConfig c = parse(ConfigLoader.withoutSecrets(env::get));
        Secret hook = c.drill().notification().webhook();
        assertFalse(hook.available());
        env.put("DRP_T_HOOK", "https://hooks.example.com/T0KEN");
        assertTrue(hook.available());
        assertEquals("https://hooks.example.com/T0KEN", hook.reveal());
        env.remove("DRP_T_HOOK");
        assertEquals("https://hooks.example.com/T0KEN", hook.reveal(), "a revealed secret does not change under a running command");
        assertFalse(c.toString().contains("T0KEN"), "a secret never prints itself");
    }

    @Test
    void anEagerLoadResolvesEverySecretAndWarnsOfNone() {
        Map<String, String> env = Map.of("DRP_T_BACKUP", "AccountName=b;AccountKey=eA==", "DRP_T_SAS", "sv=1&sig=x", "DRP_T_HOOK", "https://h");
        DrpConfig c = parse(new ConfigLoader(env::get));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        assertEquals("sv=1&sig=x", c.storage().orElseThrow().recovery().sasToken().reveal());
    }

    @Test
    void aLiteralSecretIsRefusedEvenWhenSecretsAreNotRead() {
        String literal = YAML.replace("\"${env:DRP_T_SAS}\"", "\"sv=1&sig=leaked\"");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.withoutSecrets(k -> null).parse("drp.yaml", Path.of("drp.yaml"), literal, "0".repeat(64)));
        assertEquals("storage.recovery.sasToken", e.field());
        assertFalse(e.getMessage().contains("leaked"), e.getMessage());
    }
}
