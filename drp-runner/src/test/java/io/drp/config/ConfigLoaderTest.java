package io.drp.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ConfigLoaderTest {

    private static final String VALID = """
            version: 1
            backup:
              container: drp-backups
              fullEvery: 24h
              incrementalEvery: 1h
              retainChains: 3
            services:
              orders:
                containers: [orders, invoices]
                objectives:
                  region-outage: { rto: 4h, rpo: 1h, maxLostObjects: 0 }
                  app-failure: { rto: 30m, rpo: 1h }
              media:
                containers: [media]
                objectives:
                  region-outage: { rto: 4h, rpo: 24h }
            drill:
              scenario: region-outage
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of("DRP_PROD_CS", "DefaultEndpointsProtocol=https;AccountName=p;AccountKey=c2VjcmV0;")::get);

    private DrpConfig parse(String yaml) {
        return loader.parse("drp.yaml", Path.of("drp.yaml"), yaml, "0".repeat(64));
    }

    private ConfigException error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml));
    }

    @Test
    void loadsServicesObjectivesAndBackupPolicy() {
        DrpConfig c = parse(VALID);
        assertEquals(java.util.List.of("invoices", "media", "orders"), c.productionContainers());
        assertEquals(Duration.ofHours(1), c.backup().pointInterval());
        assertEquals(3, c.backup().retainChains());
        assertEquals(Duration.ofMinutes(30), c.services().get(0).objectives().get("app-failure").rto());
        assertEquals("region-outage", c.defaultScenario());
        assertTrue(c.storage().isEmpty(), "no storage block means the embedded emulator");
        assertTrue(c.warnings().isEmpty());
    }

    @Test
    void theShippedExampleIsValid() {
        ConfigLoader withEnv = new ConfigLoader(Map.of("DRP_BACKUP_CONNECTION_STRING", "AccountName=b;AccountKey=eA==",
                "DRP_RECOVERY_SAS", "sv=2024&sig=abc", "DRP_WEBHOOK_URL", "https://hooks.example.com/T0KEN",
                "ORDERS_STORAGE_CONNECTION_STRING", "AccountName=o;AccountKey=eA==")::get);
        DrpConfig c = withEnv.load(repoRoot().resolve("examples/drp.yaml"));
        assertEquals(java.util.List.of("level-1", "level-2", "level-3", "region-outage"), c.scenarios());
        assertEquals(Duration.ofMinutes(20), c.services().get(0).objectives().get("level-1").rto());
        assertTrue(c.storage().isPresent());
        assertEquals(java.util.Set.of(io.drp.model.Verdict.FAILED, io.drp.model.Verdict.ABORTED), c.drill().notification().on());
        assertEquals("DRP_WEBHOOK_URL", c.drill().notification().webhook().source());
    }

    @Test
    void unknownFieldNamesFileLineAndField() {
        ConfigException e = error(VALID.replace("retainChains: 3", "retainChains: 3\n  retain_days: 30"));
        assertEquals("drp.yaml", e.file());
        assertEquals(7, e.line());
        assertEquals("backup.retain_days", e.field());
        assertTrue(e.getMessage().startsWith("drp.yaml:7: backup.retain_days: unknown field; allowed here:"), e.getMessage());
    }

    @Test
    void aPulumiTargetRebuildsEphemerallyUnlessToldStanding() {
        assertEquals(RecoveryConfig.Rebuild.EPHEMERAL, parse(VALID + "recovery: { target: pulumi }\n").recovery().rebuild());
        assertEquals(RecoveryConfig.Rebuild.STANDING,
                parse(VALID + "recovery:\n  target: pulumi\n  rebuild: standing\n").recovery().rebuild());
        assertEquals(RecoveryConfig.Rebuild.EPHEMERAL,
                parse(VALID + "recovery:\n  target: pulumi\n  rebuild: ephemeral\n").recovery().rebuild());
    }

    @Test
    void anUnknownRebuildModeNamesFileLineAndField() {
        ConfigException e = error(VALID + "recovery:\n  target: pulumi\n  rebuild: sometimes\n");
        assertEquals("recovery.rebuild", e.field());
        assertEquals(VALID.split("\n").length + 3, e.line());
        assertTrue(e.getMessage().contains("'sometimes' is not a rebuild mode; use ephemeral or standing"), e.getMessage());
    }

    @Test
    void aRebuildModeWithTheLocalTargetIsAnError() {
        ConfigException e = error(VALID + "recovery:\n  target: local\n  rebuild: ephemeral\n");
        assertEquals("recovery.rebuild", e.field());
        assertTrue(e.getMessage().contains("applies to target: pulumi only"), e.getMessage());
    }

    @Test
    void malformedYamlNamesTheLine() {
        ConfigException e = error("version: 1\nbackup:\n  container: [unclosed\nservices: {}\n");
        assertTrue(e.line() >= 3, "line " + e.line());
        assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
    }

    @Test
    void zeroAndNegativeDurationsAreErrors() {
        ConfigException zero = error(VALID.replace("rto: 30m", "rto: 0m"));
        assertEquals("services.orders.objectives.app-failure.rto", zero.field());
        assertEquals(12, zero.line());
        ConfigException negative = error(VALID.replace("rpo: 24h", "rpo: -2h"));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
    }

    @Test
    void anRpoShorterThanTheBackupIntervalIsAWarningNotAnError() {
        DrpConfig c = parse(VALID.replace("region-outage: { rto: 4h, rpo: 1h, maxLostObjects: 0 }", "region-outage: { rto: 4h, rpo: 15m }"));
        assertEquals(1, c.warnings().size());
        assertEquals("services.orders.objectives.region-outage.rpo", c.warnings().get(0).field());
        assertTrue(c.warnings().get(0).message().contains("cannot be met with a backup every 1h"));
    }

    @Test
    void literalSecretsAreRefused() {
        String yaml = VALID + """
                storage:
                  production: { connectionString: "DefaultEndpointsProtocol=https;AccountName=p;AccountKey=abc" }
                  backup: { accountUrl: https://b.blob.core.windows.net }
                  recovery: { accountUrl: https://r.blob.core.windows.net }
                """;
        ConfigException e = error(yaml);
        assertEquals("storage.production.connectionString", e.field());
        assertTrue(e.getMessage().contains("${env:VARIABLE}"));
        assertFalse(e.getMessage().contains("AccountKey=abc"), "the message must not echo the secret");
    }

    @Test
    void missingEnvironmentVariableIsNamed() {
        String yaml = VALID + """
                storage:
                  production: { connectionString: "${env:DRP_PROD_CS}" }
                  backup: { connectionString: "${env:DRP_NOT_SET}" }
                  recovery: { accountUrl: https://r.blob.core.windows.net }
                """;
        ConfigException e = error(yaml);
        assertEquals("storage.backup.connectionString", e.field());
        assertTrue(e.getMessage().contains("environment variable DRP_NOT_SET is not set"), e.getMessage());
    }

    @Test
    void resolvedSecretsNeverPrintThemselves() {
        String yaml = VALID + """
                storage:
                  production: { connectionString: "${env:DRP_PROD_CS}" }
                  backup: { accountUrl: https://b.blob.core.windows.net }
                  recovery: { accountUrl: https://r.blob.core.windows.net }
                """;
        DrpConfig c = parse(yaml);
        String printed = c.toString();
        assertFalse(printed.contains("c2VjcmV0"), printed);
        assertEquals("https://p.blob.core.windows.net", c.storage().get().production().describe());
    }

    @Test
    void duplicateKeysAndSharedContainersAreErrors() {
        assertTrue(error(VALID.replace("retainChains: 3", "retainChains: 3\n  retainChains: 4")).getMessage().contains("duplicate"));
        ConfigException shared = error(VALID.replace("containers: [media]", "containers: [orders]"));
        assertTrue(shared.getMessage().contains("already belongs to service orders"), shared.getMessage());
    }

    @Test
    void aLiteralWebhookUrlIsRefusedLikeAnySecret() {
        ConfigException e = error(VALID + "  notify: { webhook: https://hooks.example.com/T0KEN }\n");
        assertEquals("drill.notify.webhook", e.field());
        assertFalse(e.getMessage().contains("T0KEN"));
    }

    @Test
    void unknownScenarioInDrillDefaultsIsAnError() {
        ConfigException e = error(VALID.replace("scenario: region-outage", "scenario: meteor"));
        assertEquals("drill.scenario", e.field());
    }

    @Test
    void missingAndUnreadableFilesAreClearErrors(@TempDir Path tmp) throws Exception {
        ConfigException missing = assertThrows(ConfigException.class, () -> loader.load(tmp.resolve("nope.yaml")));
        assertTrue(missing.getMessage().contains("file not found"), missing.getMessage());

        Path locked = tmp.resolve("locked.yaml");
        Files.writeString(locked, VALID);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "running as a user who can read any file (root)");
        ConfigException unreadable = assertThrows(ConfigException.class, () -> loader.load(locked));
        assertTrue(unreadable.getMessage().contains("cannot be read"), unreadable.getMessage());
    }

    @Test
    void aDirectoryIsNotAConfigFile(@TempDir Path tmp) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(tmp));
        assertTrue(e.getMessage().contains("is a directory"));
    }

    @Test
    void anEmptyFileSaysSoOnceWithItsLine() {
        for (String empty : new String[] {"", "\n\n", "# only a comment\n"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("drp.yaml", Path.of("drp.yaml"), empty, "0".repeat(64)));
            assertEquals("drp.yaml:1: the file is empty; start from examples/drp.yaml", e.getMessage());
        }
    }

    @Test
    void aForbiddenCharacterIsPlacedOnItsLine() {
        String text = "version: 1\nbackup:\n  container: ab\u0007c\n";
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("drp.yaml", Path.of("drp.yaml"), text, "0".repeat(64)));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("drp.yaml:3: character U+0007 is not allowed"), e.getMessage());
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples/drp.yaml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("repository root not found");
        return p;
    }

    private static String storage(String production, String backup, String recovery) {
        return VALID + "storage:\n  production: " + production + "\n  backup: " + backup + "\n  recovery: " + recovery + "\n";
    }

    private ConfigException clash(Map<String, String> env, String yaml) {
        return assertThrows(ConfigException.class, () -> new ConfigLoader(env::get).parse("drp.yaml", Path.of("drp.yaml"), yaml, "0".repeat(64)));
    }

    @Test
    void recoveryGivenAsAConnectionStringIsProductionGivenAsAUrl() {
        ConfigException e = clash(Map.of("REC", "DefaultEndpointsProtocol=https;AccountName=contosoprod;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net"),
                storage("{ accountUrl: https://contosoprod.blob.core.windows.net }", "{ accountUrl: https://b.blob.core.windows.net }",
                        "{ connectionString: \"${env:REC}\" }"));
        assertEquals("storage.recovery", e.field());
        assertEquals(22, e.line(), "the line of storage.recovery");
        assertTrue(e.getMessage().contains("is the same storage account as storage.production (contosoprod at https://contosoprod.blob.core.windows.net:443)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0"), "never the key");
    }

    @Test
    void recoveryEqualToBackupIsRefusedWhateverTheSpelling() {
        // path-style emulator URL with a SAS versus a connection string with BlobEndpoint on localhost
        ConfigException e = clash(Map.of("B", "AccountName=drpbackup;AccountKey=eA==;BlobEndpoint=http://localhost:10000/drpbackup/",
                        "SAS", "sv=2024&sig=s3cr3t"),
                storage("{ accountUrl: https://p.blob.core.windows.net }", "{ connectionString: \"${env:B}\" }",
                        "{ accountUrl: \"http://127.0.0.1:10000/drpbackup\", sasToken: \"${env:SAS}\" }"));
        assertEquals("storage.recovery", e.field());
        assertTrue(e.getMessage().contains("same storage account as storage.backup (http://127.0.0.1:10000/drpbackup)"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t") || e.getMessage().contains("eA=="), e.getMessage());
    }

    @Test
    void developmentStorageAndTheSecondaryEndpointAreTheAccountsTheyName() {
        ConfigException dev = clash(Map.of("DEV", "UseDevelopmentStorage=true"),
                storage("{ accountUrl: \"http://127.0.0.1:10000/devstoreaccount1\" }", "{ accountUrl: https://b.blob.core.windows.net }",
                        "{ connectionString: \"${env:DEV}\" }"));
        assertEquals("storage.recovery", dev.field());
        ConfigException secondary = clash(Map.of(), storage("{ accountUrl: https://p.blob.core.windows.net }",
                "{ accountUrl: \"https://P-secondary.blob.core.windows.net/\" }", "{ accountUrl: https://r.blob.core.windows.net }"));
        assertEquals("storage.backup", secondary.field());
        assertTrue(secondary.getMessage().contains("as storage.production"), secondary.getMessage());
    }

    @Test
    void threeAccountsOnOneEmulatorOrOneSuffixAreDistinct() {
        DrpConfig c = new ConfigLoader(Map.of("P", "AccountName=p1;AccountKey=eA==;BlobEndpoint=http://127.0.0.1:10000/p1")::get)
                .parse("drp.yaml", Path.of("drp.yaml"), storage("{ connectionString: \"${env:P}\" }",
                        "{ accountUrl: \"http://127.0.0.1:10000/b1\" }", "{ accountUrl: \"http://127.0.0.1:10001/p1\" }"), "0".repeat(64));
        assertTrue(c.storage().isPresent(), "another port is another emulator, so another account");
        assertTrue(parse(storage("{ connectionString: \"${env:DRP_PROD_CS}\" }", "{ accountUrl: https://pb.blob.core.windows.net }",
                "{ accountUrl: https://p.blob.core.usgovcloudapi.net }")).storage().isPresent());
    }
}
