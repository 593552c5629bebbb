package io.drp.testing;

import com.azure.storage.blob.models.BlobItem;
import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.demo.DemoDataset;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.progress.Progress;
import io.drp.recovery.DrillOptions;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RequestResolver;
import io.drp.recovery.VerifyMode;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A production/backup/recovery setup on the shared Azurite with container names unique to one test,
 * built from a real drp.yaml text through the real loader.
 */
public final class DrillFixture {

    public final String prefix;
    public final DrpConfig config;
    public final StorageSession session;
    public final StorageAccount prodWritable;
    public final StorageAccount backupWritable;
    public final StorageAccount recovery;
    public final Path workDir;
    /** The backup job's Ed25519 key pair: every fixture signs its points, as a configured drp does. */
    public final Path signingKey;
    public final Path publicKey;

    public DrillFixture(AzuriteEmulator emulator, Path tmp) {
        this(emulator, tmp, "{ rto: 10m, rpo: 1h }", "{ rto: 30m, rpo: 4h }");
    }

    public DrillFixture(AzuriteEmulator emulator, Path tmp, String ordersObjectives, String mediaObjectives) {
        this(emulator, tmp, ordersObjectives, mediaObjectives, p -> "");
    }

    /** @param extra more top-level YAML (a plans: section), given the container prefix */
    public DrillFixture(AzuriteEmulator emulator, Path tmp, String ordersObjectives, String mediaObjectives,
                        java.util.function.Function<String, String> extra) {
        this(emulator, tmp, ordersObjectives, mediaObjectives, extra, k -> null);
    }

    /** @param env what ${env:…} references in the YAML resolve to */
    public DrillFixture(AzuriteEmulator emulator, Path tmp, String ordersObjectives, String mediaObjectives,
                        java.util.function.Function<String, String> extra, java.util.function.Function<String, String> env) {
        this.prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.signingKey = tmp.resolve("keys").resolve(prefix + "-backup.pem");
        this.publicKey = tmp.resolve("keys").resolve(prefix + "-backup.pub.pem");
        io.drp.signing.Ed25519Keys.generate(signingKey, publicKey);
        String yaml = """
                version: 1
                backup:
                  container: %1$s-backups
                  fullEvery: 24h
                  incrementalEvery: 1h
                  signing: { publicKeys: ["%4$s"] }
                services:
                  orders:
                    containers: [%1$s-orders, %1$s-invoices]
                    objectives:
                      region-outage: %2$s
                  media:
                    containers: [%1$s-media]
                    objectives:
                      region-outage: %3$s
                drill:
                  parallelism: 4
                """.formatted(prefix, ordersObjectives, mediaObjectives, publicKey.toAbsolutePath()) + extra.apply(prefix);
        this.config = new ConfigLoader(k -> k.equals(io.drp.config.BackupSigning.KEY_FILE_ENV) ? signingKey.toString() : env.apply(k))
                .parse("test-drp.yaml", Path.of("test-drp.yaml"), yaml, "0".repeat(64));
        this.session = StorageSession.ofEmulator(emulator, new StorageConnector());
        this.prodWritable = session.connector().open("production", session.accounts().production());
        this.backupWritable = session.connector().open("backup", session.accounts().backup());
        this.recovery = session.connector().open("recovery", session.accounts().recovery());
        this.workDir = tmp.resolve("work");
    }

    public String orders() {
        return prefix + "-orders";
    }

    public String invoices() {
        return prefix + "-invoices";
    }

    public String media() {
        return prefix + "-media";
    }

    public List<String> containers() {
        return config.productionContainers();
    }

    /** Seeds production with objects in every container; returns object paths. */
    public TestData data() {
        return new TestData(this);
    }

    public BackupResult backup(BackupJob.Mode mode) {
        return backup(mode, Clock.systemUTC());
    }

    public BackupResult backup(BackupJob.Mode mode, Clock clock) {
        StorageAccount prod = session.connector().openForSnapshots("production", session.accounts().production());
        return new BackupJob(prod, backupWritable, config.backup(), containers(), clock, workDir.resolve("cache"), Progress.NONE).run(mode);
    }

    public DrillReport drill(Instant disasterAt, boolean keep, Path reportDir) throws Exception {
        return drill(null, disasterAt, keep, reportDir, false);
    }

    public DrillReport drill(String id, Instant disasterAt, boolean keep, Path reportDir, boolean resume) throws Exception {
        DrillRunner runner = new DrillRunner(config, session, workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write,
                DrillRunner.targetsFor(config));
        RecoveryRequest req = resume
                ? new RequestResolver(config, Clock.systemUTC(), workDir).drill(new DrillOptions(null, null, keep, reportDir, 4, VerifyMode.FULL, id))
                : TestRequests.drill(id, disasterAt, "region-outage", keep, reportDir, 4, true);
        return runner.run(req);
    }

    /** A drill copying as asked (full verify, parallelism 4). */
    public DrillReport drill(Instant disasterAt, boolean keep, Path reportDir, io.drp.recovery.CopyMode mode) throws Exception {
        return new DrillRunner(config, session, workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write, DrillRunner.targetsFor(config))
                .run(TestRequests.drill(null, disasterAt, "region-outage", keep, reportDir, 4, true).withCopyMode(mode));
    }

    /** Every object of the given containers: path to SHA-256 of its bytes. */
    public static Map<String, String> contents(StorageAccount account, List<String> containers) {
        Map<String, String> out = new TreeMap<>();
        for (String c : containers) {
            if (!account.container(c).exists()) continue;
            for (BlobItem b : account.container(c).listBlobs()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                account.container(c).getBlobClient(b.getName()).downloadStream(bytes);
                out.put(c + "/" + b.getName(), sha256(bytes.toByteArray()));
            }
        }
        return out;
    }

    /** Name, ETag and last-modified of every object: changes if anything at all was written. */
    public static Map<String, String> fingerprint(StorageAccount account, List<String> containers) {
        Map<String, String> out = new TreeMap<>();
        for (String c : containers) {
            if (!account.container(c).exists()) continue;
            for (BlobItem b : account.container(c).listBlobs()) {
                out.put(c + "/" + b.getName(), b.getProperties().getETag() + " " + b.getProperties().getLastModified());
            }
        }
        return out;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A thin wrapper over {@link DemoDataset} but with this fixture's container names. */
    public static final class TestData {
        private final DrillFixture f;

        TestData(DrillFixture f) {
            this.f = f;
        }

        public void put(String container, String name, String text) {
            f.prodWritable.container(container).createIfNotExists();
            f.prodWritable.container(container).getBlobClient(name)
                    .upload(com.azure.core.util.BinaryData.fromString(text), true);
        }

        public void put(String container, String name, byte[] data) {
            f.prodWritable.container(container).createIfNotExists();
            f.prodWritable.container(container).getBlobClient(name).upload(com.azure.core.util.BinaryData.fromBytes(data), true);
        }

        public void delete(String container, String name) {
            f.prodWritable.container(container).getBlobClient(name).delete();
        }

        /** n small objects in each container. */
        public void seed(int n) {
            for (String c : f.containers()) {
                f.prodWritable.container(c).createIfNotExists();
                for (int i = 0; i < n; i++) {
                    put(c, String.format("obj-%04d.txt", i), c + " object " + i + " " + "x".repeat(i * 37 % 900));
                }
            }
        }
    }
}
