package io.drp.drill;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.drp.backup.BackupJob;
import io.drp.backup.BackupLayout;
import io.drp.backup.BackupResult;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.Verdict;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.Scenario;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of broken backup ends FAILED or ABORTED, naming the point. Faults are made in the real backup container. */
@ExtendWith(Azurite.class)
class BrokenBackupIT {

    private static BlobContainerClient backups(DrillFixture f) {
        return f.backupWritable.container(f.config.backup().container());
    }

    private static String manifest(BackupResult r) {
        return BackupLayout.manifestBlob(r.point().chainId(), r.point().seq());
    }

    private static Finding broken(DrillReport r) {
        return r.findings().stream().filter(x -> x.code().equals("BROKEN_BACKUP")).findFirst()
                .orElseThrow(() -> new AssertionError("no BROKEN_BACKUP finding in " + r.findings()));
    }

    @Test
    void truncatedManifestOfTheLastIncrementalFailsNamingThePoint(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Scenario s = Scenario.on(f).seed(5).full().incremental().put(f.orders(), "x.txt", "x").incremental();
        BackupResult i1 = s.point(1), i2 = s.point(2);
        var blob = backups(f).getBlobClient(manifest(i2));
        String text = blob.downloadContent().toString();
        blob.upload(BinaryData.fromString(text.substring(0, text.indexOf("{\"type\":\"trailer\""))), true);

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        assertEquals(Verdict.FAILED, r.verdict(), r.verdictReason());
        assertEquals(i1.point().pointId(), r.measured().recoveryPoint(), "falls back to the last good point");
        assertTrue(broken(r).message().contains(i2.point().pointId()) && broken(r).message().contains("truncated"), broken(r).message());
    }

    @Test
    void unparsableManifestOfTheOnlyFullSnapshotAbortsNamingThePoint(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        BackupResult full = Scenario.on(f).seed(3).full().last();
        backups(f).getBlobClient(manifest(full)).upload(BinaryData.fromBytes("\u0000\u0001not json at all{{{".getBytes(StandardCharsets.UTF_8)), true);

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().contains(full.point().pointId()) && r.verdictReason().contains("manifest line 1"), r.verdictReason());
    }

    @Test
    void missingIncrementalIsAGapThatFailsTheDrill(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Scenario s = Scenario.on(f).seed(4).full().put(f.orders(), "a.txt", "a").incremental().put(f.orders(), "b.txt", "b").incremental();
        BackupResult full = s.point(0), i1 = s.point(1);
        backups(f).getBlobClient(manifest(i1)).delete();

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        assertEquals(Verdict.FAILED, r.verdict());
        assertEquals(full.point().pointId(), r.measured().recoveryPoint());
        assertTrue(broken(r).message().contains(i1.point().pointId() + " is missing") && broken(r).message().contains("gap"), broken(r).message());
    }

    @Test
    void chainWhoseFullSnapshotIsMissingIsSkippedAndNamed(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(4);
        SteppableClock clock = SteppableClock.startingNow();
        BackupResult oldFull = f.backup(BackupJob.Mode.FULL, clock);
        clock.step(Duration.ofMillis(5)); // chain ids are millisecond timestamps
        BackupResult newFull = f.backup(BackupJob.Mode.FULL, clock);
        clock.step(Duration.ofMillis(5));
        f.backup(BackupJob.Mode.INCREMENTAL, clock);
        backups(f).getBlobClient(manifest(newFull)).delete();

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        assertEquals(Verdict.FAILED, r.verdict());
        assertEquals(oldFull.point().pointId(), r.measured().recoveryPoint());
        assertTrue(broken(r).message().contains("has no full snapshot") && broken(r).message().contains(newFull.point().pointId()), broken(r).message());

        // and with no older chain to fall back on, the drill aborts with the same explanation
        backups(f).getBlobClient(manifest(oldFull)).delete();
        DrillReport none = f.drill(null, false, tmp.resolve("r2"));
        assertEquals(Verdict.ABORTED, none.verdict());
        assertTrue(none.verdictReason().contains(newFull.point().pointId()), none.verdictReason());
    }

    @Test
    void backupObjectDeletedFromThePointIsNamedAsMissing(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        BackupResult full = Scenario.on(f).seed(4).full().last();
        backups(f).getBlobClient(BackupLayout.dataBlob(full.point().chainId(), 0, f.media(), "obj-0002.txt")).delete();

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        assertEquals(Verdict.FAILED, r.verdict());
        assertTrue(r.integrity().mismatchedObjects().get(0).contains(f.media() + "/obj-0002.txt"), r.integrity().mismatchedObjects().toString());
        assertTrue(r.integrity().mismatchReasons().get(0).reason().contains("missing from backup point"), r.integrity().mismatchReasons().toString());
    }
}
