package io.drp.backup;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.config.BackupConfig;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.ManifestEvidence;
import io.drp.progress.Progress;
import io.drp.report.ReportJson;
import io.drp.storage.SnapshotOnlyWrites;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshot-mode points on a real Azurite: objects rewritten and deleted while the backup copies do not leak into
 * the point, the snapshots are gone afterwards (the user's own are kept), and an identity that may not take
 * snapshots gives a fuzzy point that says why. The same writes without snapshots show the smear this fixes.
 */
@ExtendWith(Azurite.class)
class SnapshotPointIT {

    private static final int OBJECTS = 60;

    private static String original(int i) {
        return "original " + i;
    }

    /** Production before the backup, and a progress hook that rewrites the last 10 and deletes 5 once copying starts. */
    private static Progress seedAndRewriteDuringCopy(DrillFixture f) {
        for (int i = 0; i < OBJECTS; i++) f.data().put(f.orders(), name(i), original(i));
        AtomicBoolean fired = new AtomicBoolean();
        return (step, objects, total, bytes) -> {
            if (!fired.compareAndSet(false, true)) return;
            for (int i = OBJECTS - 10; i < OBJECTS; i++) f.data().put(f.orders(), name(i), "rewritten during the backup " + i);
            // while a snapshot exists Azure refuses a plain Delete Blob (409 SnapshotsPresent): applications delete with INCLUDE
            for (int i = OBJECTS - 15; i < OBJECTS - 10; i++) {
                f.prodWritable.container(f.orders()).getBlobClient(name(i)).deleteWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, null);
            }
        };
    }

    private static String name(int i) {
        return String.format("o-%03d.txt", i);
    }

    private static BackupResult backup(DrillFixture f, StorageAccount prod, BackupConfig cfg, Path cache, Progress p) {
        return new BackupJob(prod, f.backupWritable, cfg, List.of(f.orders()), Clock.systemUTC(), cache, p).run(BackupJob.Mode.FULL);
    }

    /** Each object's bytes in the point, as read back from the backup container. */
    private static Map<String, String> pointContents(DrillFixture f, BackupResult r) {
        try (var entries = new BackupCatalog(f.backupWritable.container(f.config.backup().container()), f.workDir.resolve("read-back"))
                .manifest(r.point().chainId(), r.point().seq()).entries()) {
            return entries.filter(ManifestEntry::live).collect(Collectors.toMap(ManifestEntry::name, e -> new String(
                    f.backupWritable.container(f.config.backup().container())
                            .getBlobClient(BackupLayout.dataBlob(r.point().chainId(), e.dataSeq(), e.container(), e.name())).downloadContent().toBytes(), StandardCharsets.UTF_8)));
        }
    }

    /** What the committed manifest's trailer records, read back from the backup container. */
    private static String recordedConsistency(DrillFixture f, BackupResult r) {
        return new BackupCatalog(f.backupWritable.container(f.config.backup().container()), f.workDir.resolve("read-back-trailer"))
                .manifest(r.point().chainId(), r.point().seq()).trailer().consistency();
    }

    /** A drill of the newest point: what its report tells an auditor about the point's consistency. */
    private static DrillReport drill(DrillFixture f, String id) throws Exception {
        return new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write, DrillRunner.targetsFor(f.config))
                .run(TestRequests.drill(id, null, "region-outage", false, f.workDir.resolve("reports"), 4, true));
    }

    private static List<String> codes(DrillReport d) {
        return d.findings().stream().map(Finding::code).toList();
    }

    private static List<BlobItem> snapshots(DrillFixture f) {
        return f.prodWritable.container(f.orders()).listBlobs(new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveSnapshots(true)), null)
                .stream().filter(b -> b.getSnapshot() != null).toList();
    }

    @Test
    void writesDuringTheCopyDoNotReachASnapshotPointAndItsSnapshotsAreDeleted(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Progress rewrite = seedAndRewriteDuringCopy(f);
        String userSnapshot = f.prodWritable.container(f.orders()).getBlobClient(name(0)).createSnapshot().getSnapshotId();
        StorageAccount prod = f.session.connector().openForSnapshots("production", f.session.accounts().production());

        BackupResult r = backup(f, prod, f.config.backup(), tmp.resolve("c"), rewrite);

        Map<String, String> point = pointContents(f, r);
        // the five deleted with their snapshots after the sweep cannot be read any more; every other object is as swept
        assertEquals(OBJECTS - 5, point.size(), point.keySet().toString());
        for (int i = 0; i < OBJECTS; i++) {
            if (i < OBJECTS - 15 || i >= OBJECTS - 10) assertEquals(original(i), point.get(name(i)), name(i));
        }
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("consistent point: " + OBJECTS + " snapshot(s)")), r.notes().toString());
        List<BlobItem> left = snapshots(f);
        assertEquals(List.of(userSnapshot), left.stream().map(BlobItem::getSnapshot).toList(), "only the user's own snapshot remains");
        assertTrue(f.prodWritable.container(f.orders()).getBlobClient(name(0)).exists(), "deleting snapshots never touches the base blob");
        assertEquals("snapshot", recordedConsistency(f, r));
        DrillReport d = drill(f, "snapshot-point");
        assertEquals(List.of("snapshot"), d.evidence().manifests().stream().map(ManifestEvidence::consistency).toList());
        assertFalse(codes(d).contains("FUZZY_BACKUP_POINT"), codes(d).toString());
    }

    @Test
    void withoutSnapshotsTheSameWritesSmearThePoint(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Progress rewrite = seedAndRewriteDuringCopy(f);
        BackupConfig c = f.config.backup();
        BackupConfig fuzzy = new BackupConfig(c.container(), c.fullEvery(), c.incrementalEvery(), c.retainChains(), 2, BackupConfig.Consistency.FUZZY);
        StorageAccount prod = f.session.connector().openReadOnly("production", f.session.accounts().production());

        BackupResult r = backup(f, prod, fuzzy, tmp.resolve("c"), rewrite);

        Map<String, String> point = pointContents(f, r);
        long rewritten = point.values().stream().filter(v -> v.startsWith("rewritten during the backup")).count();
        assertTrue(rewritten > 0, "a fuzzy point holds bytes written after the backup began: " + point);
        assertTrue(point.size() < OBJECTS, "and misses objects deleted while it ran");
        assertFalse(r.notes().stream().anyMatch(n -> n.contains("snapshot(s) taken")), r.notes().toString());
        assertEquals("fuzzy", recordedConsistency(f, r));
    }

    @Test
    void anIdentityThatMayNotTakeSnapshotsGivesAFuzzyPointThatSaysWhy(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        for (int i = 0; i < 5; i++) f.data().put(f.orders(), name(i), original(i));
        // an identity granted read and list only: drp would send Snapshot Blob, and the service refuses it
        String readList = f.prodWritable.client().generateAccountSas(new com.azure.storage.common.sas.AccountSasSignatureValues(
                java.time.OffsetDateTime.now().plusHours(1), com.azure.storage.common.sas.AccountSasPermission.parse("rl"),
                new com.azure.storage.common.sas.AccountSasService().setBlobAccess(true),
                new com.azure.storage.common.sas.AccountSasResourceType().setService(true).setContainer(true).setObject(true)));
        StorageAccount readOnly = f.session.connector().openForSnapshots("production", new io.drp.config.AccountLocation(null,
                azurite.blobEndpoint("drpprod"), new io.drp.config.Secret("PROD_SAS", readList)));

        BackupResult r = backup(f, readOnly, f.config.backup(), tmp.resolve("c"), Progress.NONE);

        assertEquals(5, r.point().objects());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("fuzzy point: the backup's identity may not take snapshots")
                && n.contains("AuthorizationPermissionMismatch")), r.notes().toString());
        assertTrue(snapshots(f).isEmpty());
        // the fallback is recorded in the point itself, so the drill's report says it to whoever reads it later
        assertEquals("fuzzy", recordedConsistency(f, r));
        DrillReport d = drill(f, "fuzzy-point");
        assertEquals(List.of("fuzzy"), d.evidence().manifests().stream().map(ManifestEvidence::consistency).toList());
        Finding fuzzy = d.findings().stream().filter(x -> x.code().equals("FUZZY_BACKUP_POINT")).findFirst().orElseThrow(() -> new AssertionError(codes(d)));
        assertTrue(fuzzy.message().contains(r.point().pointId()), fuzzy.message());
    }

    @Test
    void theSnapshotAccountCannotWriteOrDeleteAProductionObject(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().put(f.orders(), name(1), original(1));
        var blob = f.session.connector().openForSnapshots("production", f.session.accounts().production())
                .container(f.orders()).getBlobClient(name(1));

        assertRefused(blob::delete);
        assertRefused(() -> blob.upload(BinaryData.fromString("overwritten"), true));
        assertRefused(() -> blob.setMetadata(Map.of("k", "v")));
        assertRefused(() -> blob.deleteWithResponse(DeleteSnapshotsOptionType.ONLY, null, null, null));
        assertRefused(blob::createSnapshot); // unmarked: no later backup could find it
        String snap = blob.createSnapshotWithResponse(Map.of("drpsweep", "a-test"), null, null, null).getValue().getSnapshotId();
        blob.getSnapshotClient(snap).delete();

        assertEquals(original(1), f.prodWritable.container(f.orders()).getBlobClient(name(1)).downloadContent().toString());
        assertTrue(snapshots(f).isEmpty());
    }

    /** The SDK wraps what a pipeline policy throws; the refusal must be somewhere in the cause chain. */
    private static void assertRefused(org.junit.jupiter.api.function.Executable call) {
        Throwable t = assertThrows(RuntimeException.class, call);
        while (t != null && !(t instanceof SnapshotOnlyWrites.Refused)) t = t.getCause();
        assertTrue(t != null, "the request went to the service instead of being refused by drp");
    }

    @Test
    void aBackupThatFailsAfterTheSweepLeavesNoSnapshotBehind(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        for (int i = 0; i < 20; i++) f.data().put(f.orders(), name(i), original(i));
        StorageAccount prod = f.session.connector().openForSnapshots("production", f.session.accounts().production());
        Progress crash = (step, objects, total, bytes) -> {
            throw new IllegalStateException("the backup host died (injected) while copying from the snapshots");
        };

        assertThrows(IllegalStateException.class, () -> backup(f, prod, f.config.backup(), tmp.resolve("c"), crash));

        assertTrue(snapshots(f).isEmpty(), "snapshots left in production: " + snapshots(f).size());
        BackupResult next = backup(f, prod, f.config.backup(), tmp.resolve("c"), Progress.NONE);
        assertEquals(20, next.point().objects());
    }
}
