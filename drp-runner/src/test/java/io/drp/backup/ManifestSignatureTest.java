package io.drp.backup;

import io.drp.signing.Ed25519Keys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed manifests: what the signature covers, and what {@link PointTrust} refuses. */
class ManifestSignatureTest {

    private static final Instant W = Instant.parse("2026-11-24T01:00:00Z");
    private static final String SHA_A = "a".repeat(64);

    private static Ed25519Keys.SigningKey key(Path tmp, String name) {
        Ed25519Keys.generate(tmp.resolve(name + ".pem"), tmp.resolve(name + ".pub.pem"));
        return Ed25519Keys.signingKey(tmp.resolve(name + ".pem"));
    }

    private static PublicKey publicKey(Path tmp, String name) {
        return Ed25519Keys.readPublic(tmp.resolve(name + ".pub.pem"));
    }

    private static Path manifest(Path tmp, Ed25519Keys.SigningKey key, List<String> containers, String entryContainer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestWriter w = new ManifestWriter(out, new ManifestHeader(ManifestHeader.FORMAT, "c1", 1, PointKind.INCREMENTAL, W, null,
                "c".repeat(64), containers), key);
        w.write(new ManifestEntry(ManifestEntry.Op.PUT, entryContainer, "x.json", 10, SHA_A, W, "e1", 1));
        w.finish(W.plusSeconds(5), "snapshot");
        return Files.write(tmp.resolve("m-" + System.nanoTime() + ".jsonl"), out.toByteArray());
    }

    private static PointTrust trusting(PublicKey k) {
        return new PointTrust(Map.of(Ed25519Keys.keyId(k), k), false);
    }

    @Test
    void aSignedManifestVerifiesWithItsKeyAndNamesIt(@TempDir Path tmp) throws Exception {
        Ed25519Keys.SigningKey k = key(tmp, "backup");
        ManifestFile m = ManifestFile.open(manifest(tmp, k, List.of("orders"), "orders"), "c1/000001");

        assertEquals(Ed25519Keys.keyId(publicKey(tmp, "backup")), m.trailer().keyId());
        assertTrue(m.trailer().signed());
        assertDoesNotThrow(() -> trusting(publicKey(tmp, "backup")).check(m));
    }

    @Test
    void theKeyIdIsTheHashOfThePublicKeyAndIsDerivedFromThePrivateKeyAlone(@TempDir Path tmp) throws Exception {
        Ed25519Keys.SigningKey k = key(tmp, "backup");
        byte[] der = publicKey(tmp, "backup").getEncoded();
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der)).substring(0, 16);

        assertEquals(expected, k.keyId());
    }

    @Test
    void aTrailerFieldOutsideTheBodyHashChangedAfterSigningIsRefused(@TempDir Path tmp) throws Exception {
        // completedAt and the counts are in the trailer, which the body hash does not cover: the signature does
        Ed25519Keys.SigningKey k = key(tmp, "backup");
        Path f = manifest(tmp, k, List.of("orders"), "orders");
        Files.writeString(f, Files.readString(f).replace("\"completedAt\":\"2026-11-24T01:00:05Z\"", "\"completedAt\":\"2026-11-24T02:00:05Z\""));
        ManifestFile m = ManifestFile.open(f, "c1/000001");

        UntrustedPointError e = assertThrows(UntrustedPointError.class, () -> trusting(publicKey(tmp, "backup")).check(m));
        assertTrue(e.getMessage().contains("c1/000001") && e.getMessage().contains("does not verify"), e.getMessage());
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedNamingItsKeyId(@TempDir Path tmp) throws Exception {
        key(tmp, "backup");
        Ed25519Keys.SigningKey other = key(tmp, "other");
        ManifestFile m = ManifestFile.open(manifest(tmp, other, List.of("orders"), "orders"), "c1/000001");

        UntrustedPointError e = assertThrows(UntrustedPointError.class, () -> trusting(publicKey(tmp, "backup")).check(m));
        assertTrue(e.getMessage().contains(other.keyId()), e.getMessage());
    }

    @Test
    void anUnsignedManifestIsRefusedWhenKeysAreDeclaredAndReadWhenNoneAre(@TempDir Path tmp) throws Exception {
        key(tmp, "backup");
        ManifestFile m = ManifestFile.open(manifest(tmp, null, List.of("orders"), "orders"), "c1/000001");

        UntrustedPointError e = assertThrows(UntrustedPointError.class, () -> trusting(publicKey(tmp, "backup")).check(m));
        assertTrue(e.getMessage().contains("not signed"), e.getMessage());
        assertDoesNotThrow(() -> new PointTrust(Map.of(), false).check(m), "without keys nothing can be checked: the plan reports it");
    }

    @Test
    void aLiveEntryOutsideTheHeadersContainersIsRefusedWhateverItsSignature(@TempDir Path tmp) throws Exception {
        Ed25519Keys.SigningKey k = key(tmp, "backup");
        Path f = manifest(tmp, k, List.of("orders"), "payroll");

        UntrustedPointError e = assertThrows(UntrustedPointError.class, () -> ManifestFile.open(f, "c1/000001"));
        assertTrue(e.getMessage().contains("c1/000001") && e.getMessage().contains("'payroll'"), e.getMessage());
    }

    @Test
    void aMalformedKeyIdInTheTrailerIsAParseErrorNamingTheLine(@TempDir Path tmp) throws Exception {
        Ed25519Keys.SigningKey k = key(tmp, "backup");
        Path f = manifest(tmp, k, List.of("orders"), "orders");
        Files.writeString(f, Files.readString(f, StandardCharsets.UTF_8).replace("\"keyId\":\"" + k.keyId() + "\"", "\"keyId\":\"../x\""));

        BackupError e = assertThrows(BackupError.class, () -> ManifestFile.open(f, "c1/000001"));
        assertTrue(e.getMessage().contains("manifest line 3") && e.getMessage().contains("keyId"), e.getMessage());
    }
}
