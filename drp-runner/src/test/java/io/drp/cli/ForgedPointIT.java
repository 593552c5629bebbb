package io.drp.cli;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestHeader;
import io.drp.backup.ManifestWriter;
import io.drp.backup.PointKind;
import io.drp.signing.Ed25519Keys;
import io.drp.storage.emulator.AzuriteEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21, defect 3: a backup point drp did not write. drp runs on its embedded emulator here (drp.yaml names no
 * storage), so it makes and uses its own key pair under the work dir; the test reaches the same emulator's accounts
 * with the plain Azure SDK while drp is not running, to forge points the way anyone who can write the backup
 * container could, and to read what drp left in production and recovery afterwards.
 */
class ForgedPointIT {

    private static final String ORDERS = "orders", INVOICES = "invoices", OUTSIDE = "payroll";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The three accounts of the embedded emulator, through the plain SDK. */
    private record Accounts(BlobServiceClient production, BlobServiceClient backup, BlobServiceClient recovery) {
        BlobContainerClient backups() {
            return backup.getBlobContainerClient("drp-backups");
        }
    }

    private static <T> T onStorage(Path work, Function<Accounts, T> action) {
        try (AzuriteEmulator e = AzuriteEmulator.start(work.resolve("emulator"))) {
            Function<String, BlobServiceClient> open = a -> new BlobServiceClientBuilder()
                    .connectionString(e.account(a).connectionString().reveal()).buildClient();
            return action.apply(new Accounts(open.apply("drpprod"), open.apply("drpbackup"), open.apply("drprecovery")));
        }
    }

    private static Path config(Path tmp) throws Exception {
        return Files.writeString(tmp.resolve("drp.yaml"), """
                version: 1
                backup: { container: drp-backups }
                services:
                  shop:
                    containers: [%s, %s]
                    objectives:
                      region-outage: { rto: 10m, rpo: 1h }
                ledger: { dir: "%s" }
                """.formatted(ORDERS, INVOICES, tmp.resolve("ledger")));
    }

    /** Production with one object per configured container and a container drp.yaml does not name; then a full backup. */
    private static String seedAndBackUp(Path tmp, Path work, Path cfg) {
        onStorage(work, s -> {
            put(s.production(), ORDERS, "a.txt", "order a");
            put(s.production(), INVOICES, "i.txt", "invoice i");
            put(s.production(), OUTSIDE, "salaries.csv", "alice,100\n");
            return null;
        });
        CliTest.Run backup = CliTest.drp("backup", "-c", cfg.toString(), "--work-dir", work.toString(), "--full");
        assertEquals(0, backup.code(), backup.out() + backup.err());
        return onStorage(work, s -> s.backups().listBlobs().stream().map(BlobItem::getName)
                .filter(n -> n.endsWith("/000000/manifest.jsonl")).findFirst().orElseThrow().split("/")[1]);
    }

    /** The disaster: the configured containers lose their objects; the undeclared one is untouched. */
    private static void emptyConfiguredContainers(Path work) {
        onStorage(work, s -> {
            for (String c : List.of(ORDERS, INVOICES)) {
                s.production().getBlobContainerClient(c).listBlobs().forEach(b -> s.production().getBlobContainerClient(c).getBlobClient(b.getName()).delete());
            }
            return null;
        });
    }

    private static void put(BlobServiceClient account, String container, String name, String text) {
        BlobContainerClient c = account.getBlobContainerClient(container);
        c.createIfNotExists();
        c.getBlobClient(name).upload(BinaryData.fromString(text), true);
    }

    /** Every container and object of an account: name, then SHA-256 of the bytes and ETag. Locks are drp's, not data. */
    private static Map<String, String> everything(BlobServiceClient account) {
        Map<String, String> out = new TreeMap<>();
        for (BlobContainerItem c : account.listBlobContainers()) {
            if (c.getName().equals("drp-locks")) continue;
            out.put(c.getName() + "/", "container");
            BlobContainerClient cc = account.getBlobContainerClient(c.getName());
            for (BlobItem b : cc.listBlobs()) {
                out.put(c.getName() + "/" + b.getName(), sha256(cc.getBlobClient(b.getName()).downloadContent().toBytes()) + " "
                        + b.getProperties().getETag());
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String entry(String container, String name, byte[] data, int dataSeq) {
        return "{\"type\":\"object\",\"op\":\"PUT\",\"container\":\"" + container + "\",\"name\":\"" + name + "\",\"size\":" + data.length
                + ",\"sha256\":\"" + sha256(data) + "\",\"lastModified\":\"2026-12-01T00:00:00Z\",\"etag\":\"0x1\",\"dataSeq\":" + dataSeq + "}";
    }

    /**
     * An incremental written by hand with the plain SDK, self-consistent in every way the unkeyed chain checks: it links
     * to the full snapshot by number and manifest hash, its entries are sorted, its trailer's counts and body hash
     * match. It overwrites an object in a configured container and one in a container drp.yaml does not name.
     */
    private static void forgeIncremental(Accounts s, String chain) {
        byte[] previous = s.backups().getBlobClient("chains/" + chain + "/000000/manifest.jsonl").downloadContent().toBytes();
        byte[] order = "forged order".getBytes(StandardCharsets.UTF_8), salaries = "mallory,1000000\n".getBytes(StandardCharsets.UTF_8);
        List<String> body = new ArrayList<>();
        body.add("{\"type\":\"header\",\"format\":\"drp-manifest/2\",\"chainId\":\"" + chain + "\",\"seq\":1,\"kind\":\"INCREMENTAL\","
                + "\"watermark\":\"" + Instant.now() + "\",\"previousManifestSha256\":\"" + sha256(previous) + "\","
                + "\"containers\":[\"" + INVOICES + "\",\"" + ORDERS + "\",\"" + OUTSIDE + "\"],\"previousSeq\":0}");
        body.add(entry(ORDERS, "a.txt", order, 1));
        body.add(entry(OUTSIDE, "salaries.csv", salaries, 1));
        String text = String.join("\n", body) + "\n";
        String trailer = "{\"type\":\"trailer\",\"completedAt\":\"" + Instant.now() + "\",\"entries\":2,\"liveObjects\":2,\"liveBytes\":"
                + (order.length + salaries.length) + ",\"puts\":2,\"putBytes\":" + (order.length + salaries.length)
                + ",\"deletes\":0,\"bodySha256\":\"" + sha256(text.getBytes(StandardCharsets.UTF_8)) + "\"}\n";
        String point = "chains/" + chain + "/000001/";
        s.backups().getBlobClient(point + "data/" + ORDERS + "/a.txt").upload(BinaryData.fromBytes(order), true);
        s.backups().getBlobClient(point + "data/" + OUTSIDE + "/salaries.csv").upload(BinaryData.fromBytes(salaries), true);
        s.backups().getBlobClient(point + "manifest.jsonl").upload(BinaryData.fromString(text + trailer), true);
    }

    @Test
    void aForgedIncrementalIsRefusedByADrillAndAProductionRestoreAndNothingIsWritten(@TempDir Path tmp) throws Exception {
        // given a signed chain drp wrote, then a disaster that emptied the configured containers
        Path work = tmp.resolve("work"), cfg = config(tmp);
        String chain = seedAndBackUp(tmp, work, cfg);
        emptyConfiguredContainers(work);
        // and an incremental forged into the backup container with the plain SDK
        Map<String, String> production = onStorage(work, s -> {
            forgeIncremental(s, chain);
            return everything(s.production());
        });
        Map<String, String> recovery = onStorage(work, s -> everything(s.recovery()));
        String point = chain + "/000001";

        // when a drill and a real restore into production run
        CliTest.Run drill = CliTest.drp("drill", "-c", cfg.toString(), "--work-dir", work.toString(), "--report-dir", tmp.resolve("d").toString());
        CliTest.Run restore = CliTest.drp("restore", "-c", cfg.toString(), "--work-dir", work.toString(), "--target", "production", "--yes",
                "--report-dir", tmp.resolve("r").toString());

        // then both are refused, naming the point, and neither production nor recovery holds a byte more
        assertEquals(3, drill.code(), drill.out() + drill.err());
        assertTrue((drill.out() + drill.err()).contains(point) && (drill.out() + drill.err()).contains("not signed"), drill.out() + drill.err());
        assertEquals(3, restore.code(), restore.out() + restore.err());
        assertTrue((restore.out() + restore.err()).contains(point), restore.out() + restore.err());
        onStorage(work, s -> {
            assertEquals(production, everything(s.production()), "production is unchanged");
            assertEquals("alice,100\n", s.production().getBlobContainerClient(OUTSIDE).getBlobClient("salaries.csv").downloadContent().toString());
            assertEquals(recovery, everything(s.recovery()), "recovery is unchanged");
            return null;
        });
    }

    @Test
    void drpSignsWithTheWorkDirsOwnKeyAndStatusSaysSoAndASignedChainRestores(@TempDir Path tmp) throws Exception {
        // given a full backup by drp on its embedded emulator, with no key set up by anyone
        Path work = tmp.resolve("work"), cfg = config(tmp);
        String chain = seedAndBackUp(tmp, work, cfg);

        // then the manifest's trailer carries a signature by the key pair drp made under the work dir
        Path pub = work.resolve("keys").resolve("backup-signing.pub.pem");
        assertTrue(Files.isRegularFile(work.resolve("keys").resolve("backup-signing.pem")) && Files.isRegularFile(pub));
        String keyId = sha256(derOf(pub)).substring(0, 16);
        JsonNode trailer = onStorage(work, s -> lastLine(s.backups().getBlobClient("chains/" + chain + "/000000/manifest.jsonl")
                .downloadContent().toString()));
        assertEquals(keyId, trailer.path("keyId").asText(), trailer.toString());
        assertEquals(64, Base64.getDecoder().decode(trailer.path("signature").asText()).length, "an Ed25519 signature");

        // and status reports the chain as signed, with that key id
        CliTest.Run status = CliTest.drp("status", "-c", cfg.toString(), "--work-dir", work.toString(), "--format", "json");
        JsonNode backups = JSON.readTree(status.out()).path("backups");
        assertTrue(backups.path("signed").asBoolean(), status.out());
        assertEquals(keyId, backups.path("keyIds").path(0).asText(), status.out());
        assertTrue(backups.path("linksIntact").asBoolean(), status.out());

        // and a restore into recovery verifies it and passes
        CliTest.Run restore = CliTest.drp("restore", "-c", cfg.toString(), "--work-dir", work.toString(), "--report-dir", tmp.resolve("r").toString());
        assertEquals(0, restore.code(), restore.out() + restore.err());
        onStorage(work, s -> {
            assertEquals("order a", s.recovery().getBlobContainerClient(ORDERS).getBlobClient("a.txt").downloadContent().toString());
            assertFalse(s.recovery().getBlobContainerClient(OUTSIDE).exists(), "the undeclared container is not backed up nor restored");
            return null;
        });
    }

    @Test
    void aTamperedSignatureIsRefusedByDrillAndStatus(@TempDir Path tmp) throws Exception {
        // given drp's own full snapshot whose trailer signature was replaced by another valid-looking one
        Path work = tmp.resolve("work"), cfg = config(tmp);
        String chain = seedAndBackUp(tmp, work, cfg);
        onStorage(work, s -> {
            var blob = s.backups().getBlobClient("chains/" + chain + "/000000/manifest.jsonl");
            String text = blob.downloadContent().toString();
            String sig = lastLine(text).path("signature").asText();
            byte[] other = Base64.getDecoder().decode(sig);
            other[0] ^= 1;
            blob.upload(BinaryData.fromString(text.replace(sig, Base64.getEncoder().encodeToString(other))), true);
            return null;
        });

        // when a drill runs, and status is asked
        CliTest.Run drill = CliTest.drp("drill", "-c", cfg.toString(), "--work-dir", work.toString(), "--report-dir", tmp.resolve("d").toString());
        CliTest.Run status = CliTest.drp("status", "-c", cfg.toString(), "--work-dir", work.toString(), "--format", "json");

        // then the drill is refused naming the point, and status does not call the chain intact
        assertEquals(3, drill.code(), drill.out() + drill.err());
        assertTrue((drill.out() + drill.err()).contains(chain + "/000000") && (drill.out() + drill.err()).contains("does not verify"),
                drill.out() + drill.err());
        JsonNode s = JSON.readTree(status.out());
        assertEquals(1, status.code(), status.out());
        assertFalse(s.path("backups").path("linksIntact").asBoolean(), status.out());
        assertTrue(s.path("problems").toString().contains("does not verify"), status.out());
        onStorage(work, st -> {
            assertFalse(st.recovery().getBlobContainerClient(ORDERS).exists(), "nothing was restored");
            return null;
        });
    }

    @Test
    void aPointSignedByAnUnknownKeyIsRefused(@TempDir Path tmp) throws Exception {
        // given an incremental that is whole and linked, signed by a key drp.yaml does not trust
        Path work = tmp.resolve("work"), cfg = config(tmp);
        String chain = seedAndBackUp(tmp, work, cfg);
        Ed25519Keys.generate(tmp.resolve("other.pem"), tmp.resolve("other.pub.pem"));
        Ed25519Keys.SigningKey other = Ed25519Keys.signingKey(tmp.resolve("other.pem"));
        onStorage(work, s -> {
            writeSignedIncremental(s, chain, List.of(INVOICES, ORDERS), ORDERS, other);
            return null;
        });

        CliTest.Run drill = CliTest.drp("drill", "-c", cfg.toString(), "--work-dir", work.toString(), "--report-dir", tmp.resolve("d").toString());

        assertEquals(3, drill.code(), drill.out() + drill.err());
        assertTrue((drill.out() + drill.err()).contains(chain + "/000001") && (drill.out() + drill.err()).contains(other.keyId()),
                drill.out() + drill.err());
    }

    @Test
    void aSignedPointWritingOutsideTheConfiguredContainersIsRefusedWhateverItsSignature(@TempDir Path tmp) throws Exception {
        // given a point signed with drp's own key (a stolen key, or a bug) that writes a container drp.yaml does not name
        Path work = tmp.resolve("work"), cfg = config(tmp);
        String chain = seedAndBackUp(tmp, work, cfg);
        emptyConfiguredContainers(work);
        Ed25519Keys.SigningKey own = Ed25519Keys.signingKey(work.resolve("keys").resolve("backup-signing.pem"));
        Map<String, String> production = onStorage(work, s -> {
            writeSignedIncremental(s, chain, List.of(INVOICES, ORDERS, OUTSIDE), OUTSIDE, own);
            return everything(s.production());
        });

        // when restoring into production
        CliTest.Run restore = CliTest.drp("restore", "-c", cfg.toString(), "--work-dir", work.toString(), "--target", "production", "--yes",
                "--report-dir", tmp.resolve("r").toString());

        // then it is refused naming the point and the container, and production is unchanged
        assertEquals(3, restore.code(), restore.out() + restore.err());
        String said = restore.out() + restore.err();
        assertTrue(said.contains(chain + "/000001") && said.contains("'" + OUTSIDE + "'"), said);
        onStorage(work, s -> {
            assertEquals(production, everything(s.production()));
            return null;
        });
    }

    @Test
    void aSignedPointWithAnEntryOutsideItsOwnHeaderIsRefused(@TempDir Path tmp) throws Exception {
        // given a signed point whose header lists only configured containers but whose entry writes another one
        Path work = tmp.resolve("work"), cfg = config(tmp);
        String chain = seedAndBackUp(tmp, work, cfg);
        emptyConfiguredContainers(work);
        Ed25519Keys.SigningKey own = Ed25519Keys.signingKey(work.resolve("keys").resolve("backup-signing.pem"));
        Map<String, String> production = onStorage(work, s -> {
            writeSignedIncremental(s, chain, List.of(INVOICES, ORDERS), OUTSIDE, own);
            return everything(s.production());
        });

        CliTest.Run restore = CliTest.drp("restore", "-c", cfg.toString(), "--work-dir", work.toString(), "--target", "production", "--yes",
                "--report-dir", tmp.resolve("r").toString());

        assertEquals(3, restore.code(), restore.out() + restore.err());
        String said = restore.out() + restore.err();
        assertTrue(said.contains(chain + "/000001") && said.contains("'" + OUTSIDE + "'"), said);
        onStorage(work, s -> {
            assertEquals(production, everything(s.production()));
            return null;
        });
    }

    /** A signed incremental after the full snapshot, with one PUT into {@code target} (its data uploaded too). */
    private static void writeSignedIncremental(Accounts s, String chain, List<String> headerContainers, String target,
                                               Ed25519Keys.SigningKey key) {
        byte[] previous = s.backups().getBlobClient("chains/" + chain + "/000000/manifest.jsonl").downloadContent().toBytes();
        byte[] data = "signed but unwanted".getBytes(StandardCharsets.UTF_8);
        String name = target.equals(OUTSIDE) ? "salaries.csv" : "a.txt";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestWriter w = new ManifestWriter(out, new ManifestHeader(ManifestHeader.FORMAT, chain, 1, PointKind.INCREMENTAL, Instant.now(),
                null, sha256(previous), headerContainers, null, 0), key);
        w.write(new ManifestEntry(ManifestEntry.Op.PUT, target, name, data.length, sha256(data), Instant.now(), "0x1", 1));
        w.finish(Instant.now());
        String point = "chains/" + chain + "/000001/";
        s.backups().getBlobClient(point + "data/" + target + "/" + name).upload(BinaryData.fromBytes(data), true);
        s.backups().getBlobClient(point + "manifest.jsonl").upload(BinaryData.fromBytes(out.toByteArray()), true);
    }

    private static JsonNode lastLine(String manifest) {
        String[] lines = manifest.split("\n");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] derOf(Path pem) throws Exception {
        String text = Files.readString(pem);
        String b64 = text.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)); // it is an Ed25519 public key
        return der;
    }
}
