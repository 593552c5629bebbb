package io.drp.recovery.rebuild;

import io.drp.backup.BackupJob;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.rebuild.ProcessPulumiCli;
import io.drp.recovery.rebuild.PulumiCli;
import io.drp.recovery.rebuild.PulumiRecoveryTarget;
import io.drp.report.ReportJson;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The Pulumi rebuild, with the Pulumi CLI replaced by a scripted stand-in (a shell script that records its
 * arguments and prints canned stack outputs) or a Mockito mock; the storage side is the real Azurite.
 * Not run for real: `pulumi up` against Azure.
 */
@ExtendWith(Azurite.class)
class PulumiRecoveryTargetIT {

    private static Path standIn(Path dir, String outputsJson, int upExit) throws Exception {
        Files.writeString(dir.resolve("outputs.json"), outputsJson);
        Path script = dir.resolve("pulumi");
        Files.writeString(script, """
                #!/usr/bin/env bash
                # scripted stand-in for the Pulumi CLI
                echo "$*" >> "$(dirname "$0")/calls.log"
                case "$1" in
                  up) [ %d -eq 0 ] && echo "Resources: 12 unchanged" || { echo "error: quota exceeded in region" >&2; exit %d; } ;;
                  stack) cat "$(dirname "$0")/outputs.json" ;;
                  *) echo "unexpected: $*" >&2; exit 2 ;;
                esac
                """.formatted(upExit, upExit));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static DrillReport drill(DrillFixture f, PulumiCli cli, Path tmp) throws Exception {
        return new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write,
                recovery -> new PulumiRecoveryTarget(cli, tmp, "recovery", recovery))
                .run(TestRequests.drill(null, null, "region-outage", false, tmp.resolve("r"), 4, true));
    }

    private static StepRecord rebuild(DrillReport r) {
        return r.steps().stream().filter(s -> s.name().equals("rebuild")).findFirst().orElseThrow();
    }

    @Test
    void pulumiUpRunsOnTheRecoveryStackBeforeTheRestore(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        f.backup(BackupJob.Mode.FULL);
        Path script = standIn(tmp, """
                {"recoveryStorageAccountName": "drprecovery", "recoveryDataContainers": ["%s", "%s", "%s"], "recoveryRegion": "francesouth"}
                """.formatted(f.orders(), f.invoices(), f.media()), 0);

        DrillReport r = drill(f, new ProcessPulumiCli(script.toString()), tmp);

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals("recovery", rebuild(r).details().get("stack"));
        List<String> calls = Files.readAllLines(tmp.resolve("calls.log"));
        assertTrue(calls.get(0).startsWith("up --stack recovery --yes --skip-preview --non-interactive"), calls.toString());
        assertEquals("stack output --stack recovery --json", calls.get(1));
        assertTrue(r.evidence().recoveryTarget().startsWith("pulumi stack recovery"));
    }

    @Test
    void aStackThatBuiltAnotherAccountAbortsTheDrill(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        f.backup(BackupJob.Mode.FULL);
        Path script = standIn(tmp, "{\"recoveryStorageAccountName\": \"contosorecovery\", \"recoveryDataContainers\": []}", 0);

        DrillReport r = drill(f, new ProcessPulumiCli(script.toString()), tmp);

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().contains("declares recovery account contosorecovery but drp.yaml points at drprecovery"), r.verdictReason());
    }

    @Test
    void aProductionContainerWithoutARecoveryTwinAbortsTheDrill(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        f.backup(BackupJob.Mode.FULL);
        Path script = standIn(tmp, "{\"recoveryStorageAccountName\": \"drprecovery\", \"recoveryDataContainers\": [\"%s\"]}"
                .formatted(f.orders()), 0);

        DrillReport r = drill(f, new ProcessPulumiCli(script.toString()), tmp);

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().contains("no recovery twin for production container(s) [" + f.invoices() + ", " + f.media() + "]"), r.verdictReason());
    }

    @Test
    void aFailedPulumiUpAbortsWithPulumisOwnError(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        f.backup(BackupJob.Mode.FULL);
        PulumiCli cli = mock(PulumiCli.class);
        when(cli.run(any(), any(), any(), any())).thenReturn(new PulumiCli.Result(255, "Updating (recovery)", "error: quota exceeded in region francesouth"));

        DrillReport r = drill(f, cli, tmp);

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().contains("rebuild: pulumi up on stack recovery failed with exit code 255: error: quota exceeded"), r.verdictReason());
        verify(cli, times(1)).run(eq(tmp), any(), any(), any());
    }
}
