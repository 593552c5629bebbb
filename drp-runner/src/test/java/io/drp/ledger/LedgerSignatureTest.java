package io.drp.ledger;

import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed ledgers: records name their key, a signed ledger stays signed, and keys rotate. */
class LedgerSignatureTest {

    private static KeyPair pair() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** The key id as an operator computes it: the first 16 hex digits of sha256sum over the public key's DER. */
    private static String idOf(PublicKey k) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(k.getEncoded())).substring(0, 16);
    }

    private static void append(Path dir, Optional<java.security.PrivateKey> key, int n) {
        DrillLedger l = new DrillLedger(dir, Optional.empty(), key);
        DrillReport r = SampleReportsAccess.failed();
        for (int i = 0; i < n; i++) l.append(r, (ReportJson.toJson(r) + i).getBytes(StandardCharsets.UTF_8));
    }

    /** What a tool without the key appends: a record hashed and linked correctly, but not signed. */
    static void appendUnsignedByHand(Path file, String drillId) throws Exception {
        List<String> lines = Files.readAllLines(file);
        LedgerRecord last = LedgerCodec.parse(lines.get(lines.size() - 1));
        LedgerRecord r = new LedgerRecord(last.seq() + 1, drillId, Verdict.PASSED, "region-outage", Instant.now(), Instant.now(), 1.0, 1.0,
                "c/000001", "ab", last.recordSha256(), null, null, null);
        String hash = LedgerCodec.sha256(LedgerCodec.canonical(r).getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, LedgerCodec.line(LedgerCodec.withHash(r, hash, null)) + "\n", StandardOpenOption.APPEND);
    }

    /** A record as drp wrote it before key ids: signed over a canonical form without one. */
    private static void appendLegacySigned(Path file, KeyPair kp, long seq, String prev) throws Exception {
        LedgerRecord r = new LedgerRecord(seq, "legacy-" + seq, Verdict.PASSED, "region-outage", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:10:00Z"), 600.0, 60.0, "c/000001", "ab", prev, null, null, null);
        String canonical = LedgerCodec.canonical(r);
        assertFalse(canonical.contains("keyId"));
        String line = LedgerCodec.line(LedgerCodec.withHash(r, LedgerCodec.sha256(canonical.getBytes(StandardCharsets.UTF_8)),
                LedgerSigning.sign(kp.getPrivate(), canonical)));
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void anUnsignedRecordAfterSignedOnesIsABreakEvenWithoutKeys(@TempDir Path tmp) throws Exception {
        KeyPair kp = pair();
        append(tmp, Optional.of(kp.getPrivate()), 2);
        appendUnsignedByHand(tmp.resolve(DrillLedger.FILE), "d-unsigned");

        LedgerRead read = new DrillLedger(tmp, Optional.empty()).read();

        assertFalse(read.verification().intact());
        assertEquals(3, read.verification().brokenAt());
        assertTrue(read.verification().reason().contains("no signature, but the ledger is signed since record 1"), read.verification().reason());
        assertEquals(2, read.records().size());
    }

    @Test
    void aRunWithoutTheKeyRefusesToAppendToASignedLedger(@TempDir Path tmp) throws Exception {
        append(tmp, Optional.of(pair().getPrivate()), 1);
        byte[] before = Files.readAllBytes(tmp.resolve(DrillLedger.FILE));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> append(tmp, Optional.empty(), 1));

        assertTrue(e.getMessage().contains("DRP_LEDGER_SIGNING_KEY_FILE"), e.getMessage());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(tmp.resolve(DrillLedger.FILE)));
    }

    @Test
    void rotationVerifiesEachRecordUnderTheKeyItNames(@TempDir Path tmp) throws Exception {
        KeyPair a = pair(), b = pair();
        append(tmp, Optional.of(a.getPrivate()), 2);
        append(tmp, Optional.of(b.getPrivate()), 2); // the key was rotated

        LedgerRead read = new DrillLedger(tmp, Optional.empty()).read(LedgerKeys.of(List.of(a.getPublic(), b.getPublic())));

        assertTrue(read.verification().intact(), read.verification().reason());
        assertEquals(4, read.records().size());
        assertEquals(List.of(idOf(a.getPublic()), idOf(a.getPublic()), idOf(b.getPublic()), idOf(b.getPublic())),
                read.records().stream().map(LedgerRecord::keyId).toList());
        assertTrue(read.verification().signing().endsWith("every signature checked"), read.verification().signing());
    }

    @Test
    void aRecordSignedByAnUnknownKeyIsABreakNamingTheKey(@TempDir Path tmp) throws Exception {
        KeyPair a = pair(), b = pair();
        append(tmp, Optional.of(a.getPrivate()), 2);
        append(tmp, Optional.of(b.getPrivate()), 1);

        LedgerRead read = new DrillLedger(tmp, Optional.empty()).read(LedgerKeys.of(List.of(a.getPublic())));

        assertFalse(read.verification().intact());
        assertEquals(3, read.verification().brokenAt());
        assertTrue(read.verification().reason().contains("signed by key " + idOf(b.getPublic()) + ", which is not among the configured public keys ("
                + idOf(a.getPublic()) + ")"), read.verification().reason());
        assertEquals(2, read.records().size());
    }

    @Test
    void recordsSignedBeforeKeyIdsStillVerifyAndNewOnesNameTheirKey(@TempDir Path tmp) throws Exception {
        KeyPair a = pair(), other = pair();
        Path file = tmp.resolve(DrillLedger.FILE);
        appendLegacySigned(file, a, 1, LedgerRecord.GENESIS);
        appendLegacySigned(file, a, 2, LedgerCodec.parse(Files.readAllLines(file).get(0)).recordSha256());
        append(tmp, Optional.of(a.getPrivate()), 1);

        LedgerRead read = new DrillLedger(tmp, Optional.empty()).read(LedgerKeys.of(List.of(a.getPublic())));
        assertTrue(read.verification().intact(), read.verification().reason());
        assertEquals(3, read.records().size());
        assertNull(read.records().get(0).keyId());
        assertEquals(idOf(a.getPublic()), read.records().get(2).keyId());

        LedgerVerification wrong = new DrillLedger(tmp, Optional.empty()).verify(LedgerKeys.of(List.of(other.getPublic())));
        assertFalse(wrong.intact());
        assertEquals(1, wrong.brokenAt());
        assertTrue(wrong.reason().contains("under any configured public key"), wrong.reason());
    }

    @Test
    void withoutKeysASignedLedgerSaysItsSignaturesWereNotChecked(@TempDir Path tmp) throws Exception {
        KeyPair a = pair();
        append(tmp, Optional.of(a.getPrivate()), 2);

        LedgerVerification v = new DrillLedger(tmp, Optional.empty()).verify();

        assertTrue(v.intact());
        assertEquals("signed (key " + idOf(a.getPublic()) + "), signatures not checked (no public key configured)", v.signing());
        assertEquals("unsigned", new DrillLedger(tmp.resolve("other"), Optional.empty()).verify().signing());
    }

    @Test
    void keysConfiguredButNoRecordSignedIsABreak(@TempDir Path tmp) throws Exception {
        append(tmp, Optional.empty(), 2); // or every signature stripped and the chain rehashed

        LedgerRead read = new DrillLedger(tmp, Optional.empty()).read(LedgerKeys.of(List.of(pair().getPublic())));

        assertFalse(read.verification().intact());
        assertEquals(1, read.verification().brokenAt());
        assertTrue(read.verification().reason().contains("no record has a signature"), read.verification().reason());
        assertTrue(read.records().isEmpty());
    }

    @Test
    void thePublicKeyDerivedFromAPrivateKeyIsItsPairs() throws Exception {
        for (int i = 0; i < 5; i++) {
            KeyPair kp = pair();
            assertEquals(HexFormat.of().formatHex(kp.getPublic().getEncoded()),
                    HexFormat.of().formatHex(LedgerSigning.publicOf(kp.getPrivate()).getEncoded()));
        }
    }
}
