package io.drp.drill;

import io.drp.backup.BackupJob;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.ObjectiveResult;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.report.ReportJson;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real region loss: production cannot be reached at all during the drill, only backups and recovery can. */
@ExtendWith(Azurite.class)
class OutageIT {

    @Test
    void withProductionUnreachableTheDataIsStillVerifiedAndTheLossIsReportedUnknown(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given backups taken while production was up
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(6);
        f.backup(BackupJob.Mode.FULL);
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort(); // closed again: nothing listens there
        }
        String prod = azurite.account("drpprod").connectionString().reveal().replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + dead);
        Map<String, String> env = new java.util.HashMap<>(io.drp.testing.EnvConfig.env(azurite));
        env.put("PROD_CS", prod);
        String yaml = io.drp.testing.EnvConfig.yaml(f, "");
        DrpConfig cfg = new ConfigLoader(env::get).parse("outage.yaml", Path.of("outage.yaml"), yaml, "0".repeat(64));

        // when the region is lost and the drill runs
        DrillReport r;
        try (StorageSession session = StorageSession.open(cfg, tmp.resolve("work"))) {
            r = new DrillRunner(cfg, session, tmp.resolve("work"), Clock.systemUTC(), Progress.NONE, ReportJson::write,
                    DrillRunner.targetsFor(cfg)).run(TestRequests.drill(null, null, "region-outage", true, tmp.resolve("r"), 4, true));
        }

        // then every object was restored and verified, the loss is unknown (not zero), and the verdict stands on the rest
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason() + " " + r.findings());
        assertEquals(18, r.integrity().objectsRestored());
        assertTrue(r.integrity().lossUnknownBecause().startsWith("production unreachable"), r.integrity().lossUnknownBecause());
        Finding unknown = r.findings().stream().filter(x -> x.code().equals("LOSS_UNKNOWN")).findFirst().orElseThrow();
        assertEquals(Finding.Severity.WARNING, unknown.severity());
        ObjectiveResult integrity = r.objectiveResults().stream().filter(o -> o.kind() == ObjectiveResult.Kind.INTEGRITY).findFirst().orElseThrow();
        assertNull(integrity.measured());
        assertTrue(integrity.detail().contains("lost objects unknown"), integrity.detail());
        assertEquals(DrillFixture.contents(f.prodWritable, f.containers()), DrillFixture.contents(f.recovery, f.containers()));
    }
}
