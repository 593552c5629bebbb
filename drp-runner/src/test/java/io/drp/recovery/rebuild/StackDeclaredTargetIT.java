package io.drp.recovery.rebuild;

import com.pulumi.test.PulumiTest;
import io.drp.backup.BackupJob;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.rebuild.LocalRecoveryTarget;
import io.drp.recovery.rebuild.StackDeclaredTarget;
import io.drp.report.ReportJson;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local target builds what the recovery stack program declares: stacks and drills cannot drift apart. */
@ExtendWith(Azurite.class)
class StackDeclaredTargetIT {

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private static Path recoveryStack(Path dir, String containers) throws Exception {
        return Files.writeString(dir.resolve("Pulumi.recovery.yaml"), """
                config:
                  drp:region: francesouth
                  drp:pairedRegion: francecentral
                  drp:dataContainers: %s
                  drp:productionStack: acme/drp/production
                """.formatted(containers));
    }

    private static DrillReport drill(DrillFixture f, Path stack, Path tmp) throws Exception {
        return new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write,
                recovery -> new StackDeclaredTarget(new LocalRecoveryTarget(recovery), stack))
                .run(TestRequests.drill(null, null, "region-outage", true, tmp.resolve("r"), 4, true));
    }

    @Test
    void theDrillCreatesExactlyTheContainersTheRecoveryStackDeclares(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        f.backup(BackupJob.Mode.FULL);
        String extra = f.prefix + "-archive";
        Path stack = recoveryStack(tmp, f.orders() + "," + f.invoices() + "," + f.media() + "," + extra);

        DrillReport r = drill(f, stack, tmp);

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertTrue(f.recovery.container(extra).exists(), "a container declared by the stack but not backed up is still created");
        assertEquals(6, r.integrity().objectsRestored());
    }

    @Test
    void aBackedUpContainerWithoutADeclaredTwinAbortsTheDrill(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        f.backup(BackupJob.Mode.FULL);
        Path stack = recoveryStack(tmp, f.orders());

        DrillReport r = drill(f, stack, tmp);

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().startsWith("rebuild: the recovery stack"), r.verdictReason());
        assertTrue(r.verdictReason().contains("declares no twin for backed-up container(s) [" + f.invoices() + ", " + f.media() + "]"), r.verdictReason());
    }
}
