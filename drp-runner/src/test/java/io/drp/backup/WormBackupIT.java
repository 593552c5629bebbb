package io.drp.backup;

import com.azure.core.util.BinaryData;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.SteppableClock;
import io.drp.testing.WormHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backups on the WORM container the stacks deploy: a transport that refuses, as Azure does, any second
 * commit of a blob under chains/. A backup after a crash, a corrupt point or a gap must not need one.
 */
@ExtendWith(Azurite.class)
class WormBackupIT {

    private final WormHttpClient worm = new WormHttpClient(StorageConnector.defaultHttpClient());
    /** Each job is a later run of the schedule; chain ids are millisecond timestamps. */
    private final SteppableClock clock = SteppableClock.startingNow();

    private BackupJob job(AzuriteEmulator azurite, DrillFixture f, Progress progress) {
        StorageSession s = StorageSession.ofEmulator(azurite, new StorageConnector(StorageConnector.defaultRetryOptions(), worm));
        StorageAccount prod = s.connector().openReadOnly("production", s.accounts().production());
        StorageAccount backup = s.connector().open("backup", s.accounts().backup());
        clock.step(Duration.ofMillis(5));
        return new BackupJob(prod, backup, f.config.backup(), f.containers(), clock, f.workDir.resolve("cache"), progress);
    }

    private static void assertRecoversProduction(DrillFixture f, Path tmp, String expectedPoint) throws Exception {
        DrillReport r = f.drill(null, false, tmp.resolve("r"));
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason() + " " + r.findings());
        assertEquals(expectedPoint, r.measured().recoveryPoint());
        assertEquals(0, r.integrity().mismatches());
        assertEquals(0, r.integrity().objectsLost());
    }

    @Test
    void aCrashedIncrementalIsSkippedAndTheNextPointLinksToTheLastGoodOne(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given a full snapshot, then an incremental that crashes after copying some objects
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(5);
        BackupResult full = job(azurite, f, Progress.NONE).run(BackupJob.Mode.FULL);
        for (int i = 0; i < 4; i++) f.data().put(f.orders(), "obj-000" + i + ".txt", "changed " + i);
        Progress crash = (step, objects, total, bytes) -> {
            if (bytes > 0) throw new IllegalStateException("the backup host died (injected) after copying data");
        };
        assertThrows(IllegalStateException.class, () -> job(azurite, f, crash).run(BackupJob.Mode.INCREMENTAL));

        // when the next scheduled backup runs
        f.data().put(f.media(), "new.txt", "after the crash");
        BackupResult next = job(azurite, f, Progress.NONE).run(BackupJob.Mode.AUTO);

        // then it wrote no blob twice, took the next unused number, linked to the full snapshot, and said why
        assertEquals(0, worm.refused());
        assertEquals(2, next.point().seq());
        assertTrue(next.notes().stream().anyMatch(n -> n.contains("unusable") && n.contains(full.point().pointId())), next.notes().toString());
        assertRecoversProduction(f, tmp, next.point().pointId());
    }

    @Test
    void aPointAfterACorruptOneSkipsItsNumberAndTheDrillPassesWithAWarning(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(4);
        job(azurite, f, Progress.NONE).run(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "a.txt", "a");
        BackupResult broken = job(azurite, f, Progress.NONE).run(BackupJob.Mode.INCREMENTAL);
        var manifest = f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.manifestBlob(broken.point().chainId(), broken.point().seq()));
        String text = manifest.downloadContent().toString();
        manifest.upload(BinaryData.fromString(text.substring(0, text.length() / 2)), true); // storage damage, outside WORM

        f.data().put(f.orders(), "b.txt", "b");
        BackupResult next = job(azurite, f, Progress.NONE).run(BackupJob.Mode.INCREMENTAL);

        assertEquals(0, worm.refused());
        assertEquals(2, next.point().seq());
        assertRecoversProduction(f, tmp, next.point().pointId());
        DrillReport r = f.drill(null, false, tmp.resolve("r2"));
        Finding skipped = r.findings().stream().filter(x -> x.code().equals("SKIPPED_BACKUP_POINT")).findFirst().orElseThrow();
        assertEquals(Finding.Severity.WARNING, skipped.severity());
        assertTrue(skipped.message().contains(broken.point().pointId()), skipped.message());
    }

    @Test
    void aMissingIncrementalIsLinkedPastByTheNextBackup(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        job(azurite, f, Progress.NONE).run(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "one.txt", "1");
        BackupResult lost = job(azurite, f, Progress.NONE).run(BackupJob.Mode.INCREMENTAL);
        f.data().put(f.orders(), "two.txt", "2");
        job(azurite, f, Progress.NONE).run(BackupJob.Mode.INCREMENTAL);
        f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.manifestBlob(lost.point().chainId(), lost.point().seq())).delete();

        BackupResult next = job(azurite, f, Progress.NONE).run(BackupJob.Mode.INCREMENTAL);

        assertEquals(0, worm.refused());
        assertEquals(3, next.point().seq());
        assertRecoversProduction(f, tmp, next.point().pointId());
    }

    @Test
    void whenTheNewestChainCannotBeRestoredANewChainStartsAndTheNotesSayWhy(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        job(azurite, f, Progress.NONE).run(BackupJob.Mode.FULL);
        BackupResult newer = job(azurite, f, Progress.NONE).run(BackupJob.Mode.FULL);
        f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.manifestBlob(newer.point().chainId(), 0)).upload(BinaryData.fromString("{not json"), true);

        BackupResult next = job(azurite, f, Progress.NONE).run(BackupJob.Mode.AUTO);

        assertEquals(PointKind.FULL, next.point().kind());
        assertTrue(next.notes().stream().anyMatch(n -> n.contains(newer.point().chainId()) && n.contains("new chain")), next.notes().toString());
        assertEquals(0, worm.refused());
        assertRecoversProduction(f, tmp, next.point().pointId());
    }
}
