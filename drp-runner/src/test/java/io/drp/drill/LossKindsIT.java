package io.drp.drill;

import com.azure.core.util.BinaryData;
import io.drp.backup.BackupLayout;
import io.drp.backup.BackupResult;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.Verdict;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of loss is counted, each on its own line of the report. */
@ExtendWith(Azurite.class)
class LossKindsIT {

    @Test
    void aDeletionAfterTheLastBackupIsRevertedByTheRecoveryAndCounted(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Scenario.on(f).seed(3).full().delete(f.orders(), "obj-0001.txt"); // deleted in production after the point

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        assertEquals(1, r.integrity().revertedDeletions());
        assertEquals(List.of(f.orders() + "/obj-0001.txt"), r.integrity().revertedDeletionSample());
        assertEquals(0, r.integrity().objectsLost());
        assertEquals(Verdict.FAILED, r.verdict(), "a tolerance of 0 lost objects counts a reverted deletion too");
    }

    @Test
    void aCorruptBackupCopyCountsAsLostAndAsMismatched(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        BackupResult full = Scenario.on(f).seed(3).full().last();
        f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.dataBlob(full.point().chainId(), 0, f.media(), "obj-0002.txt")).upload(BinaryData.fromString("rot"), true);

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        assertEquals(1, r.integrity().unrestorableObjects());
        assertEquals(1, r.integrity().mismatches());
        assertEquals(Verdict.FAILED, r.verdict());
    }

    @Test
    void aPointWithDataButNoManifestIsAWarningNamingIt(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        BackupResult full = Scenario.on(f).seed(2).full().last();
        f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.dataBlob(full.point().chainId(), 1, f.orders(), "half.txt")).upload(BinaryData.fromString("x"), true);

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        Finding w = r.findings().stream().filter(x -> x.code().equals("INCOMPLETE_BACKUP_POINT")).findFirst().orElseThrow();
        assertEquals(Finding.Severity.WARNING, w.severity());
        assertTrue(w.message().contains(full.point().chainId() + "/000001") && w.message().contains("it started at"), w.message());
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
    }

    @Test
    void aRunnerClockTwoSecondsOffTheServiceIsAFinding(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Scenario.on(f).seed(1).full();
        java.time.Clock off = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(2));

        DrillReport skewed = new DrillRunner(f.config, f.session, f.workDir, off, io.drp.progress.Progress.NONE,
                io.drp.report.ReportJson::write, DrillRunner.targetsFor(f.config))
                .run(io.drp.testing.TestRequests.drill(null, java.time.Instant.now(), "region-outage", false, tmp.resolve("r1"), 2, true));
        DrillReport right = f.drill(null, false, tmp.resolve("r2"));

        Finding w = skewed.findings().stream().filter(x -> x.code().equals("CLOCK_SKEW")).findFirst().orElseThrow();
        assertEquals(Finding.Severity.WARNING, w.severity());
        double measured = ((Number) skewed.steps().get(0).details().get("clockSkewSeconds")).doubleValue();
        assertTrue(measured > 1.0 && measured < 3.0, "skew " + measured);
        assertTrue(right.findings().stream().noneMatch(x -> x.code().equals("CLOCK_SKEW")), right.findings().toString());
    }
}
