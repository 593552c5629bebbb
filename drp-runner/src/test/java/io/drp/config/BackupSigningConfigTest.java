package io.drp.config;

import io.drp.failure.UsageFailure;
import io.drp.signing.Ed25519Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code backup.signing}: keys read at load, relative to drp.yaml; every mistake is one line naming file, line and field. */
class BackupSigningConfigTest {

    private static String yaml(String signing) {
        return """
                version: 1
                backup:
                  container: drp-backups
                %s
                services:
                  shop:
                    containers: [orders]
                    objectives:
                      region-outage: { rto: 10m, rpo: 1h }
                """.formatted(signing);
    }

    private static DrpConfig load(Path dir, String signing, Map<String, String> env) throws Exception {
        Path file = Files.writeString(dir.resolve("drp.yaml"), yaml(signing));
        return new ConfigLoader(env::get).load(file);
    }

    @Test
    void publicKeysAreReadRelativeToTheConfigFileAndTheBackupKeyFromItsVariable(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("keys"));
        Ed25519Keys.generate(tmp.resolve("keys/b.pem"), tmp.resolve("keys/b.pub.pem"));
        String id = Ed25519Keys.keyId(Ed25519Keys.readPublic(tmp.resolve("keys/b.pub.pem")));

        DrpConfig c = load(tmp, "  signing: { publicKeys: [keys/b.pub.pem] }",
                Map.of(BackupSigning.KEY_FILE_ENV, tmp.resolve("keys/b.pem").toString()));

        BackupSigning s = c.backup().signing();
        assertTrue(s.verifies());
        assertEquals(java.util.List.of(id), java.util.List.copyOf(s.publicKeys().keySet()));
        assertEquals(id, s.signer().orElseThrow().keyId());
        assertFalse(s.acceptUnsigned());
    }

    @Test
    void withoutTheSectionNothingIsTrustedAndNothingIsAccepted(@TempDir Path tmp) throws Exception {
        BackupSigning s = load(tmp, "", Map.of()).backup().signing();

        assertFalse(s.verifies());
        assertFalse(s.acceptUnsigned());
    }

    @Test
    void theOptOutIsSpelledOutByName(@TempDir Path tmp) throws Exception {
        assertTrue(load(tmp, "  signing: { unsigned: accept }", Map.of()).backup().signing().acceptUnsigned());

        ConfigException e = assertThrows(ConfigException.class, () -> load(tmp, "  signing: { unsigned: yes }", Map.of()));
        assertEquals("backup.signing.unsigned", e.field());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("accept"), e.getMessage());
    }

    @Test
    void aMissingKeyFileNamesTheFileTheLineAndTheListItem(@TempDir Path tmp) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load(tmp, "  signing:\n    publicKeys: [nope.pub.pem]", Map.of()));

        assertEquals("backup.signing.publicKeys[0]", e.field());
        assertEquals(5, e.line());
        assertTrue(e.getMessage().startsWith(tmp.resolve("drp.yaml") + ":5: backup.signing.publicKeys[0]: ")
                && e.getMessage().contains("nope.pub.pem") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAPublicKeyIsRefused(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("bad.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        ConfigException e = assertThrows(ConfigException.class, () -> load(tmp, "  signing: { publicKeys: [bad.pem] }", Map.of()));

        assertTrue(e.getMessage().contains("not an Ed25519 public key"), e.getMessage());
    }

    @Test
    void keysAndTheOptOutExcludeEachOtherAndAnEmptySectionSaysWhatToDeclare(@TempDir Path tmp) throws Exception {
        Ed25519Keys.generate(tmp.resolve("b.pem"), tmp.resolve("b.pub.pem"));

        ConfigException both = assertThrows(ConfigException.class,
                () -> load(tmp, "  signing: { publicKeys: [b.pub.pem], unsigned: accept }", Map.of()));
        ConfigException empty = assertThrows(ConfigException.class, () -> load(tmp, "  signing: {}", Map.of()));

        assertEquals("backup.signing.unsigned", both.field());
        assertEquals("backup.signing", empty.field());
        assertTrue(empty.getMessage().contains("publicKeys") && empty.getMessage().contains("unsigned: accept"), empty.getMessage());
    }

    @Test
    void anUnreadableBackupKeyStopsCommandsThatConnectButNotValidate(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("drp.yaml"), yaml("  signing: { unsigned: accept }"));
        Map<String, String> env = Map.of(BackupSigning.KEY_FILE_ENV, tmp.resolve("missing.pem").toString());

        UsageFailure e = assertThrows(UsageFailure.class, () -> new ConfigLoader(env::get).load(file));

        assertTrue(e.getMessage().startsWith(BackupSigning.KEY_FILE_ENV + ": ") && e.getMessage().contains("missing.pem"), e.getMessage());
        assertFalse(ConfigLoader.withoutSecrets(env::get).load(file).backup().signing().signer().isPresent());
    }
}
