package io.drp.cli;

import io.drp.backup.BackupJob;
import io.drp.storage.LeaseLock;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.EnvConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roles are checked at the edge (issue 21, defect 1): with the recovery connection string equal to production's or
 * backup's, validate, drill and restore exit 2 with one line naming both roles, and nothing is written in any account.
 * drp runs as a child process, as an operator runs it, with the connection strings in its environment.
 */
@ExtendWith(Azurite.class)
class AccountRolesIT {

    private record Run(int code, String out) {}

    private static Run drp(Map<String, String> env, Path tmp, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "drp", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "drp " + args[0] + " did not finish");
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** validate, drill and restore against {@code env}: each must exit 2 with the one line, having written nothing. */
    private static void refusedEverywhere(DrillFixture f, Map<String, String> env, Path tmp, String line) throws Exception {
        Path cfg = Files.writeString(tmp.resolve("drp.yaml"), EnvConfig.yaml(f, ""));
        String work = tmp.resolve("work").toString();
        List<String[]> commands = List.of(new String[]{"validate", "-c", cfg.toString()},
                new String[]{"drill", "-c", cfg.toString(), "--work-dir", work, "--report-dir", tmp.resolve("r").toString()},
                new String[]{"restore", "-c", cfg.toString(), "--work-dir", work, "--report-dir", tmp.resolve("r").toString()});
        for (String[] c : commands) {
            Run r = drp(env, tmp, c);
            assertEquals(2, r.code(), c[0] + ": " + r.out());
            assertTrue(r.out().contains("drp.yaml:5: storage.recovery: " + line), c[0] + ": " + r.out());
            assertFalse(r.out().contains("AccountKey"), "never a key: " + r.out());
        }
        assertFalse(Files.exists(tmp.resolve("work").resolve("drills")), "no run state");
        assertFalse(Files.exists(tmp.resolve("r")), "no report");
    }

    @Test
    void recoveryEqualToProductionIsRefusedAndNothingIsWritten(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        f.backup(BackupJob.Mode.FULL);
        Map<String, String> production = DrillFixture.fingerprint(f.prodWritable, f.containers());
        Map<String, String> env = new java.util.HashMap<>(EnvConfig.env(azurite));
        env.put("RECOVERY_CS", env.get("PROD_CS"));

        refusedEverywhere(f, env, tmp, "is the same storage account as storage.production (" + azurite.blobEndpoint("drpprod") + ")");

        assertEquals(production, DrillFixture.fingerprint(f.prodWritable, f.containers()), "production unchanged");
        assertFalse(f.prodWritable.container(LeaseLock.CONTAINER).exists(), "no lock container in production");
    }

    @Test
    void recoveryEqualToBackupIsRefusedAndNothingIsWritten(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        f.backup(BackupJob.Mode.FULL);
        List<String> backups = List.of(f.prefix + "-backups");
        Map<String, String> before = DrillFixture.fingerprint(f.backupWritable, backups);
        Map<String, String> env = new java.util.HashMap<>(EnvConfig.env(azurite));
        // the same account spelled another way: localhost instead of 127.0.0.1, and no key order in common
        env.put("RECOVERY_CS", env.get("BACKUP_CS").replace("127.0.0.1", "localhost"));

        refusedEverywhere(f, env, tmp, "is the same storage account as storage.backup (" + azurite.blobEndpoint("drpbackup") + ")");

        assertEquals(before, DrillFixture.fingerprint(f.backupWritable, backups), "backups unchanged");
        for (String c : f.containers()) assertFalse(f.backupWritable.container(c).exists(), "no recovery twin in the backup account");
        assertFalse(f.backupWritable.container(LeaseLock.CONTAINER).getBlobClient("drill.lock").exists(), "no drill lock in the backup account");
    }
}
