package io.drp.backup;

import com.azure.core.util.BinaryData;
import io.drp.config.BackupConfig;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(Azurite.class)
class BackupIT {

    @Test
    void autoModeTakesADailyFullAndIncrementalsInBetween(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        Instant day1 = Instant.now().minus(Duration.ofHours(30));

        BackupResult first = f.backup(BackupJob.Mode.AUTO, Clock.fixed(day1, ZoneOffset.UTC));
        f.data().put(f.orders(), "n.txt", "new");
        BackupResult second = f.backup(BackupJob.Mode.AUTO, Clock.fixed(day1.plus(Duration.ofHours(1)), ZoneOffset.UTC));
        BackupResult nextDay = f.backup(BackupJob.Mode.AUTO, Clock.fixed(day1.plus(Duration.ofHours(25)), ZoneOffset.UTC));

        assertEquals(PointKind.FULL, first.point().kind());
        assertEquals(PointKind.INCREMENTAL, second.point().kind());
        assertEquals(1, second.point().puts(), "only the new object is copied");
        assertEquals(3 * 3, second.point().objects() - 1);
        assertEquals(PointKind.FULL, nextDay.point().kind(), "a chain older than fullEvery starts a new one");
        assertTrue(!nextDay.point().chainId().equals(first.point().chainId()));
    }

    @Test
    void aLabelledChainOutlivesCountRetentionUntilItsKeepPeriodEnds(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given retention of two chains and a labelled snapshot taken first
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        BackupConfig keepTwo = new BackupConfig(f.config.backup().container(), Duration.ofDays(1), Duration.ofHours(1), 2, 4);
        StorageAccount prod = f.session.connector().openReadOnly("production", f.session.accounts().production());
        SteppableClock clock = SteppableClock.startingNow();
        BackupJob job = new BackupJob(prod, f.backupWritable, keepTwo, f.containers(), clock, tmp.resolve("c"), Progress.NONE);
        BackupResult labelled = job.run(BackupJob.Mode.FULL, "before-release-4.2", Duration.ofDays(90));
        List<String> chains = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clock.step(Duration.ofDays(1));
            chains.add(job.run(BackupJob.Mode.FULL, null, Duration.ofDays(90)).point().chainId());
        }

        // then the oldest unlabelled chain went, and the labelled one stayed although it is the oldest of all
        BackupCatalog catalog = new BackupCatalog(f.backupWritable.container(keepTwo.container()), tmp.resolve("c2"));
        List<String> left = catalog.chains().stream().map(BackupCatalog.ChainListing::chainId).toList();
        assertEquals(List.of(labelled.point().chainId(), chains.get(1), chains.get(2)), left);
        assertEquals(labelled.point().pointId(), catalog.planLabelled("before-release-4.2", new java.util.ArrayList<>())
                .orElseThrow().recoveryPoint().pointId());
        assertEquals("before-release-4.2", catalog.points().get(0).label());

        // when 90 days have passed since the labelled snapshot
        clock.step(Duration.ofDays(88));
        BackupResult later = job.run(BackupJob.Mode.FULL, null, Duration.ofDays(90));

        // then it is pruned like any other
        assertTrue(later.prunedChains().contains(labelled.point().chainId()), later.prunedChains().toString());
        assertTrue(catalog.planLabelled("before-release-4.2", new java.util.ArrayList<>()).isEmpty());
    }

    @Test
    void aSecondBackupOnTheSameContainerIsRefusedWhileTheFirstHoldsItsLease(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        try (var first = io.drp.storage.LeaseLock.acquire(f.backupWritable, BackupJob.LOCK, "backup", "b-first", false, Clock.systemUTC())) {
            var busy = org.junit.jupiter.api.Assertions.assertThrows(io.drp.storage.LeaseLock.Busy.class, () -> f.backup(BackupJob.Mode.FULL));
            assertTrue(busy.getMessage().contains("b-first") && busy.getMessage().contains("is running a backup"), busy.getMessage());
        }
        assertEquals(PointKind.FULL, f.backup(BackupJob.Mode.FULL).point().kind(), "free again once the first job is done");
    }

    @Test
    void aCredentialThatMayNotDeleteIsReportedAsSuchNotAsAnImmutabilityPolicy(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        // a backup SAS with read, write, list and create, but no delete
        String sas = f.backupWritable.client().generateAccountSas(new com.azure.storage.common.sas.AccountSasSignatureValues(
                java.time.OffsetDateTime.now().plusHours(1), com.azure.storage.common.sas.AccountSasPermission.parse("rwlc"),
                new com.azure.storage.common.sas.AccountSasService().setBlobAccess(true),
                new com.azure.storage.common.sas.AccountSasResourceType().setService(true).setContainer(true).setObject(true)));
        StorageAccount noDelete = f.session.connector().open("backup", new io.drp.config.AccountLocation(null,
                azurite.blobEndpoint("drpbackup"), new io.drp.config.Secret("test SAS", sas)));
        BackupConfig keepOne = new BackupConfig(f.config.backup().container(), Duration.ofDays(1), Duration.ofHours(1), 1, 4);
        StorageAccount prod = f.session.connector().openReadOnly("production", f.session.accounts().production());
        SteppableClock clock = SteppableClock.startingNow();
        BackupJob job = new BackupJob(prod, noDelete, keepOne, f.containers(), clock, tmp.resolve("c"), Progress.NONE);
        job.run(BackupJob.Mode.FULL);
        clock.step(Duration.ofMillis(5));

        BackupResult second = job.run(BackupJob.Mode.FULL);

        assertEquals(List.of(), second.prunedChains());
        assertTrue(second.notes().stream().anyMatch(n -> n.startsWith("RETENTION NOT APPLIED") && n.contains("403")
                && n.contains("delete permission")), second.notes().toString());
        assertTrue(second.notes().stream().noneMatch(n -> n.contains("immutability")), second.notes().toString());
    }

    @Test
    void retentionPrunesTheOldestChains(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        BackupConfig keepTwo = new BackupConfig(f.config.backup().container(), Duration.ofDays(1), Duration.ofHours(1), 2, 4);
        StorageAccount prod = f.session.connector().openReadOnly("production", f.session.accounts().production());
        SteppableClock clock = SteppableClock.startingNow();
        BackupJob job = new BackupJob(prod, f.backupWritable, keepTwo, f.containers(), clock, tmp.resolve("c"), Progress.NONE);

        BackupResult a = job.run(BackupJob.Mode.FULL);
        clock.step(Duration.ofMillis(5)); // chain ids are millisecond timestamps
        job.run(BackupJob.Mode.FULL);
        clock.step(Duration.ofMillis(5));
        BackupResult c = job.run(BackupJob.Mode.FULL);

        assertEquals(List.of(a.point().chainId()), c.prunedChains());
        List<String> left = new BackupCatalog(f.backupWritable.container(keepTwo.container()), tmp.resolve("c2")).chains()
                .stream().map(BackupCatalog.ChainListing::chainId).toList();
        assertEquals(2, left.size());
        assertTrue(!left.contains(a.point().chainId()));
        assertEquals(0, f.backupWritable.container(keepTwo.container()).listBlobs(
                new com.azure.storage.blob.models.ListBlobsOptions().setPrefix(BackupLayout.CHAINS + a.point().chainId()), null)
                .stream().count(), "every blob of the pruned chain is gone");
    }

    @Test
    void aBackupNeverModifiesProduction(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(6);
        Map<String, String> before = DrillFixture.fingerprint(f.prodWritable, f.containers());

        f.backup(BackupJob.Mode.FULL);
        f.backup(BackupJob.Mode.INCREMENTAL);

        assertEquals(before, DrillFixture.fingerprint(f.prodWritable, f.containers()));
    }

    @Test
    void aHalfWrittenPointIsNeverTakenForAComplete(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        BackupResult full = f.backup(BackupJob.Mode.FULL);
        // a backup that crashed after copying data but before its manifest was committed
        f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.dataBlob(full.point().chainId(), 1, f.orders(), "half.txt"))
                .upload(BinaryData.fromString("copied, never listed"), true);

        DrillReport r = f.drill(null, true, tmp.resolve("r"));
        assertEquals(full.point().pointId(), r.measured().recoveryPoint());
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertTrue(!f.recovery.container(f.orders()).getBlobClient("half.txt").exists());

        // and the next backup does not reuse that number: on WORM storage its data blobs cannot be rewritten
        BackupResult next = f.backup(BackupJob.Mode.INCREMENTAL);
        assertEquals(2, next.point().seq());
        try (Stream<ManifestEntry> s = new BackupCatalog(f.backupWritable.container(f.config.backup().container()), tmp.resolve("c"))
                .manifest(next.point().chainId(), 2).entries()) {
            assertTrue(s.noneMatch(e -> e.name().equals("half.txt")));
        }
    }
}
