package io.drp.backup;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drp.progress.Progress;
import io.drp.storage.SnapshotOnlyWrites;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.EnvConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21, defect 4: a killed backup must not leave production snapshots for good. Each snapshot is in the plan on
 * disk before it is taken, and carries drp's mark, so a backup on a fresh runner (CI keeps no {@code .drp/}) finds
 * and deletes what a killed one left, and nothing else: the application's own snapshots stay.
 */
@ExtendWith(Azurite.class)
class SweepLeftoversIT {

    @Test
    void aSweepKilledBySigkillLeavesNoSnapshotOnceABackupRunsOnAFreshRunner(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(300); // 900 objects: the sweep, one snapshot at a time, is still running when the first exists
        Path cfg = Files.writeString(tmp.resolve("drp.yaml"), EnvConfig.yaml(f, ", parallelism: 1"));

        Process killed = backupProcess(f, azurite, cfg, tmp.resolve("runner1"));
        waitForASnapshot(f, killed);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));

        List<Snap> left = snapshots(f);
        assertFalse(left.isEmpty(), "the killed backup left no snapshot: nothing to prove");
        // every snapshot the kill left is named by the plan on the killed runner's disk
        String plans = planText(tmp.resolve("runner1"));
        for (Snap s : left) assertTrue(plans.contains("\"" + s.name() + "\""), s.name() + " is not in the plan: " + plans.length() + " chars");
        // drp status, from yet another machine, sees them in production
        JsonNode before = status(azurite, cfg, tmp.resolve("status1"));
        assertEquals(left.size(), before.get("leftoverSnapshots").asLong(), before.toString());
        assertTrue(before.get("warnings").toString().contains("SnapshotsPresent"), before.toString());

        // a new runner: a fresh work dir, no plan
        Process fresh = backupProcess(f, azurite, cfg, tmp.resolve("runner2"));
        assertTrue(fresh.waitFor(300, TimeUnit.SECONDS), "the backup on a fresh runner did not finish");
        assertEquals(0, fresh.exitValue(), Files.readString(Path.of(tmp.resolve("runner2") + ".log")));

        assertEquals(List.of(), snapshots(f), "snapshots left in production");
        assertEquals(0, status(azurite, cfg, tmp.resolve("status2")).get("leftoverSnapshots").asLong());
        Snap one = left.get(0);
        var blob = f.prodWritable.container(one.container()).getBlobClient(one.name());
        blob.delete(); // an application's plain Delete Blob: 409 SnapshotsPresent while any snapshot is left
        assertFalse(blob.exists());
    }

    @Test
    void aFreshBackupDeletesOnlyDrpsLeftoversNeverTheApplicationsSnapshots(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        for (int i = 0; i < 20; i++) f.data().put(f.orders(), name(i), "v" + i);
        var prod = f.prodWritable.container(f.orders());
        String plain = prod.getBlobClient(name(0)).createSnapshot().getSnapshotId();
        String withMetadata = prod.getBlobClient(name(1)).createSnapshotWithResponse(Map.of("owner", "app"), null, null, null)
                .getValue().getSnapshotId();
        // a backup whose snapshot deletes all fail (the runner lost its network, then died): all its snapshots stay
        StorageAccount noDeletes = production(azurite, new RefuseSnapshotDeletes());
        assertThrows(RuntimeException.class, () -> new BackupJob(noDeletes, f.backupWritable, f.config.backup(), List.of(f.orders()),
                Clock.systemUTC(), tmp.resolve("runner1"), Progress.NONE).run(BackupJob.Mode.FULL));
        assertEquals(22, snapshots(f).size(), "one left per object, and the application's two");
        // someone copied a drp snapshot back over its base blob (a "promote"), then the application snapshotted that:
        // the application's snapshot inherits drp's mark, and looks exactly like drp's
        var promoted = prod.getBlobClient(name(2));
        String drps = snapshots(f).stream().filter(b -> b.name().equals(name(2))).findFirst().orElseThrow().snapshot();
        promoted.setMetadata(promoted.getSnapshotClient(drps).getProperties().getMetadata());
        String inherited = promoted.createSnapshot().getSnapshotId();

        StorageAccount prodForSnapshots = f.session.connector().openForSnapshots("production", f.session.accounts().production());
        BackupResult r = new BackupJob(prodForSnapshots, f.backupWritable, f.config.backup(), List.of(f.orders()), Clock.systemUTC(),
                tmp.resolve("runner2"), Progress.NONE).run(BackupJob.Mode.FULL);

        Set<String> kept = snapshots(f).stream().map(b -> b.name() + "@" + b.snapshot()).collect(Collectors.toSet());
        assertEquals(Set.of(name(0) + "@" + plain, name(1) + "@" + withMetadata, name(2) + "@" + drps, name(2) + "@" + inherited), kept,
                "the application's snapshots stay (and one of drp's that cannot be told from them); every other leftover is gone");
        for (int i = 0; i < 20; i++) assertTrue(prod.getBlobClient(name(i)).exists(), "a base blob was deleted: " + name(i));
        assertEquals(20, r.point().objects());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("deleted 19 snapshot(s)")), r.notes().toString());
    }

    @Test
    void eachSnapshotIsInThePlanOnDiskBeforeTheSnapshotRequestIsSent(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        for (int i = 0; i < 150; i++) f.data().put(f.orders(), name(i), "v" + i);
        Path cache = tmp.resolve("runner");
        PlanOnDiskAtSnapshot check = new PlanOnDiskAtSnapshot(SnapshotSweep.dir(cache));

        BackupResult r = new BackupJob(production(azurite, check), f.backupWritable, f.config.backup(), List.of(f.orders()),
                Clock.systemUTC(), cache, Progress.NONE).run(BackupJob.Mode.FULL);

        assertEquals(150, r.point().objects());
        assertEquals(150, check.snapshots.get(), "one Snapshot Blob request per object");
        assertEquals(List.of(), check.unrecorded, "snapshot requests sent before the plan on disk named their object");
        assertTrue(snapshots(f).isEmpty());
    }

    @Test
    void thePointRecordsTheBaseBlobsMetadataAndETagNotTheMarkOnItsSnapshot(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        var blob = f.prodWritable.container(f.orders()).getBlobClient(name(0));
        f.data().put(f.orders(), name(0), "v0");
        blob.setMetadata(Map.of("owner", "app", "kind", "invoice"));
        var listed = f.prodWritable.container(f.orders()).listBlobs(new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveMetadata(true)), null)
                .stream().findFirst().orElseThrow();

        f.containers().forEach(c -> f.prodWritable.container(c).createIfNotExists());
        BackupResult r = f.backup(BackupJob.Mode.FULL);

        try (Stream<ManifestEntry> entries = new BackupCatalog(f.backupWritable.container(f.config.backup().container()), tmp.resolve("read"))
                .manifest(r.point().chainId(), r.point().seq()).entries()) {
            ManifestEntry e = entries.filter(x -> x.name().equals(name(0))).findFirst().orElseThrow();
            assertEquals(listed.getMetadata(), e.attributes().metadata());
            assertEquals(listed.getProperties().getETag(), e.etag(), "the next incremental compares the listing's ETag with this one");
        }
        assertTrue(snapshots(f).isEmpty());
        BackupResult next = f.backup(BackupJob.Mode.INCREMENTAL);
        assertEquals(0, next.point().puts(), "nothing changed, so nothing is copied again");
    }

    private static String name(int i) {
        return String.format("o-%03d.txt", i);
    }

    /** Production as the backup sees it (snapshot writes only), with one more policy in front. */
    private static StorageAccount production(AzuriteEmulator azurite, HttpPipelinePolicy extra) {
        var client = new BlobServiceClientBuilder().connectionString(azurite.account("drpprod").connectionString().reveal())
                .addPolicy(extra).addPolicy(new SnapshotOnlyWrites()).buildClient();
        return new StorageAccount("production", "test production", client, true, false);
    }

    /** Fails every snapshot delete, as a runner that lost its network would. */
    private static final class RefuseSnapshotDeletes implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            return refuse(context) ? Mono.error(new IllegalStateException("the runner lost its network")) : next.process();
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            if (refuse(context)) throw new IllegalStateException("the runner lost its network");
            return next.processSync();
        }

        private static boolean refuse(HttpPipelineCallContext c) {
            return c.getHttpRequest().getHttpMethod() == HttpMethod.DELETE && String.valueOf(c.getHttpRequest().getUrl().getQuery()).contains("snapshot=");
        }
    }

    /** On each Snapshot Blob request, reads the plans on disk (as a process reading them after a kill would) for the object. */
    private static final class PlanOnDiskAtSnapshot implements HttpPipelinePolicy {
        private final Path sweeps;
        final AtomicInteger snapshots = new AtomicInteger();
        final List<String> unrecorded = Collections.synchronizedList(new ArrayList<>());

        PlanOnDiskAtSnapshot(Path sweeps) {
            this.sweeps = sweeps;
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            check(context);
            return next.process();
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            check(context);
            return next.processSync();
        }

        private void check(HttpPipelineCallContext c) {
            var r = c.getHttpRequest();
            if (r.getHttpMethod() != HttpMethod.PUT || !String.valueOf(r.getUrl().getQuery()).contains("comp=snapshot")) return;
            snapshots.incrementAndGet();
            String path = URLDecoder.decode(r.getUrl().getPath(), StandardCharsets.UTF_8);
            String name = path.substring(path.lastIndexOf('/') + 1);
            try {
                if (!planText(sweeps).contains("\"" + name + "\"")) unrecorded.add(name);
            } catch (IOException e) {
                unrecorded.add(name + " (" + e + ")");
            }
        }
    }

    /** Every plan under a work dir or sweeps dir, as one text. */
    private static String planText(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return "";
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".plan")).toList()) all.append(Files.readString(p, StandardCharsets.UTF_8));
        }
        return all.toString();
    }

    private static Process backupProcess(DrillFixture f, AzuriteEmulator azurite, Path cfg, Path work) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main", "backup", "-c", cfg.toString(),
                "--work-dir", work.toString(), "--full")).redirectErrorStream(true).redirectOutput(Path.of(work + ".log").toFile());
        pb.environment().putAll(EnvConfig.env(azurite));
        pb.environment().putAll(EnvConfig.signingEnv(f)); // the backup job holds the signing key
        return pb.start();
    }

    /** {@code drp status --format json} run as a separate process; its JSON document. */
    private static JsonNode status(AzuriteEmulator azurite, Path cfg, Path work) throws Exception {
        Path out = Path.of(work + ".json");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main", "status", "-c", cfg.toString(),
                "--work-dir", work.toString(), "--format", "json")).redirectOutput(out.toFile()).redirectError(Path.of(work + ".err").toFile());
        pb.environment().putAll(EnvConfig.env(azurite));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "drp status did not finish");
        JsonNode doc = new ObjectMapper().readTree(Files.readString(out));
        assertTrue(doc != null && doc.has("leftoverSnapshots"), Files.readString(out) + Files.readString(Path.of(work + ".err")));
        return doc;
    }

    /** Returns once the child has taken at least one snapshot in production; fails if it ended first. */
    private static void waitForASnapshot(DrillFixture f, Process p) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(p.isAlive(), "drp backup ended before it could be killed");
            if (!snapshots(f).isEmpty()) return;
            Thread.onSpinWait(); // each listing is a request to the emulator: that is the wait
        }
        throw new AssertionError("drp backup took no snapshot within 120 s");
    }

    /** One snapshot in production. */
    private record Snap(String container, String name, String snapshot) {}

    /** Every snapshot in the fixture's production containers, listed with the plain SDK. */
    private static List<Snap> snapshots(DrillFixture f) {
        ListBlobsOptions o = new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveSnapshots(true));
        return f.containers().stream().filter(c -> f.prodWritable.container(c).exists())
                .flatMap(c -> f.prodWritable.container(c).listBlobs(o, null).stream().filter(b -> b.getSnapshot() != null)
                        .map(b -> new Snap(c, b.getName(), b.getSnapshot()))).toList();
    }
}
