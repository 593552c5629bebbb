package io.drp.drill;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;
import io.drp.config.BackupSigning;
import io.drp.config.DrpConfig;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A chain drp cannot authenticate: blocking unless opted out by name; refused outright once keys are declared. */
@ExtendWith(Azurite.class)
class UnsignedChainIT {

    private static DrpConfig signing(DrillFixture f, BackupSigning s) {
        return f.config.withBackup(f.config.backup().withSigning(s));
    }

    private static BackupResult backup(DrillFixture f, DrpConfig cfg) {
        StorageAccount prod = f.session.connector().openForSnapshots("production", f.session.accounts().production());
        return new BackupJob(prod, f.backupWritable, cfg.backup(), cfg.productionContainers(), Clock.systemUTC(), f.workDir.resolve("cache"),
                Progress.NONE).run(BackupJob.Mode.AUTO);
    }

    private static DrillReport drill(DrillFixture f, DrpConfig cfg, Path reports) throws Exception {
        return new DrillRunner(cfg, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write, DrillRunner.targetsFor(cfg))
                .run(TestRequests.drill(null, null, "region-outage", false, reports, 4, true));
    }

    private static Optional<Finding> unsigned(DrillReport r) {
        return r.findings().stream().filter(x -> x.code().equals("UNSIGNED_BACKUP")).findFirst();
    }

    @Test
    void anUnsignedChainWithoutTheOptOutIsABlockingFinding(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        DrpConfig none = signing(f, BackupSigning.NONE);
        backup(f, none);

        DrillReport r = drill(f, none, tmp.resolve("r"));

        assertEquals(Verdict.FAILED, r.verdict(), r.verdictReason());
        assertEquals(Finding.Severity.BLOCKING, unsigned(r).orElseThrow().severity());
        assertTrue(r.verdictReason().contains("unsigned backup"), r.verdictReason());
        assertEquals(9, r.integrity().objectsRestored(), "the finding judges the run; it does not stop it");
    }

    @Test
    void theOptOutByNameProceedsWithAWarning(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        DrpConfig accept = signing(f, new BackupSigning(List.of(), Map.of(), true, Optional.empty()));
        backup(f, accept);

        DrillReport r = drill(f, accept, tmp.resolve("r"));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(Finding.Severity.WARNING, unsigned(r).orElseThrow().severity());
        assertEquals(9, r.integrity().objectsRestored());
    }

    @Test
    void onceKeysAreDeclaredAnUnsignedChainIsRefusedAndTheNextBackupStartsASignedOne(AzuriteEmulator azurite, @TempDir Path tmp)
            throws Exception {
        // given a chain written before signing was configured
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        BackupResult old = backup(f, signing(f, BackupSigning.NONE));

        // when a drill runs with the fixture's keys declared
        DrillReport refused = drill(f, f.config, tmp.resolve("refused"));

        // then it is refused, naming the point, and nothing was restored
        assertEquals(Verdict.ABORTED, refused.verdict());
        assertTrue(refused.verdictReason().contains(old.point().pointId()) && refused.verdictReason().contains("not signed"),
                refused.verdictReason());
        assertTrue(DrillFixture.contents(f.recovery, f.containers()).isEmpty(), "nothing restored from an unsigned point");

        // and the next signed backup does not link to it: it starts a new chain, and a drill passes on it
        BackupResult next = f.backup(BackupJob.Mode.INCREMENTAL);
        assertFalse(next.point().chainId().equals(old.point().chainId()), "a new chain");
        assertTrue(next.notes().stream().anyMatch(n -> n.contains(old.point().pointId()) && n.contains("new chain")), next.notes().toString());
        DrillReport passed = drill(f, f.config, tmp.resolve("passed"));
        assertEquals(Verdict.PASSED, passed.verdict(), passed.verdictReason());
        assertTrue(unsigned(passed).isEmpty());
    }
}
