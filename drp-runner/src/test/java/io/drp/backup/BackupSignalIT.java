package io.drp.backup;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.LeaseStateType;
import io.drp.pipeline.RunGuard;
import io.drp.pipeline.SignalGuard;
import io.drp.progress.Progress;
import io.drp.storage.LeaseLock;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup stopped part-way: by a guard in the same JVM, by a real SIGTERM to a child {@code drp backup}, and by a
 * SIGKILL. None commits a manifest; the next backup starts at once (no wait for the lease to expire) and skips
 * the abandoned number.
 */
@ExtendWith(Azurite.class)
class BackupSignalIT {

    private static final int OBJECTS = 200;

    @Test
    void aGuardThatTripsMidBackupCommitsNothingAndReleasesTheLease(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(5);
        BackupResult full = f.backup(BackupJob.Mode.FULL);
        for (int i = 0; i < 5; i++) f.data().put(f.orders(), "obj-000" + i + ".txt", "changed " + i);
        SignalGuard guard = SignalGuard.manual("backup");
        Progress stopAfterTwo = (step, objects, total, bytes) -> {
            if (objects >= 2) guard.request();
        };

        BackupJob job = new BackupJob(f.session.connector().openForSnapshots("production", f.session.accounts().production()),
                f.backupWritable, f.config.backup(), f.containers(), java.time.Clock.systemUTC(), f.workDir.resolve("c"), stopAfterTwo);
        RunGuard.Stopped stopped = assertThrows(RunGuard.Stopped.class,
                () -> job.run(BackupJob.Mode.INCREMENTAL, null, BackupJob.KEEP_LABELLED, guard));

        assertTrue(stopped.getMessage().contains("stopped by a signal"), stopped.getMessage());
        String chain = full.point().chainId();
        assertFalse(backups(f).getBlobClient(BackupLayout.manifestBlob(chain, 1)).exists(), "no manifest for the stopped point");
        assertEquals(LeaseStateType.AVAILABLE, lockLease(f));
        BackupResult next = f.backup(BackupJob.Mode.INCREMENTAL);
        assertEquals(2, next.point().seq(), "the stopped point's number is skipped: its data blobs are never rewritten");
    }

    @Test
    void sigtermStopsAChildBackupCleanlyAndSigkillLeavesNoLeaseThatBlocksTheNextJob(AzuriteEmulator azurite, @TempDir Path tmp)
            throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(OBJECTS);
        Path cfg = config(azurite, f, tmp);

        // SIGTERM (Process.destroy on Linux) while data is being copied
        Process term = backupProcess(azurite, f, cfg, tmp.resolve("w1"));
        waitForData(f, term, java.util.Set.of());
        term.destroy();
        assertTrue(term.waitFor(60, TimeUnit.SECONDS), "drp backup did not stop on SIGTERM");
        String out = Files.readString(tmp.resolve("w1.log"), StandardCharsets.UTF_8);
        assertEquals(143, term.exitValue(), out);
        assertTrue(out.contains("aborted: the backup was stopped by a signal") && out.contains("lock is released"), out);
        assertTrue(manifests(f).isEmpty(), "a stopped backup commits no manifest: " + manifests(f));
        assertEquals(LeaseStateType.AVAILABLE, lockLease(f), "SIGTERM releases the backup lease at once");
        // the stopped backup deletes its sweep's snapshots on the way out, for at most half the grace; what a loaded
        // machine leaves is listed in the plan kept on disk, from which the next backup deletes it
        Path sweeps = SnapshotSweep.dir(tmp.resolve("w1").resolve("cache").resolve("manifests"));
        boolean planKept = Files.isDirectory(sweeps) && Files.list(sweeps).anyMatch(p -> p.toString().endsWith(".plan"));
        assertTrue(snapshots(f) == 0 || planKept, snapshots(f) + " snapshot(s) left and no plan to delete them from");
        SweepCleanup.cleanUp(f.session.connector().openForSnapshots("production", f.session.accounts().production()), sweeps, 8, () -> true);
        assertEquals(0, snapshots(f), "nothing of the stopped backup's sweep is left once its plan is cleaned up");

        // SIGKILL: nothing runs on the way down, so the lease stays taken, but by a process that is gone
        java.util.Set<String> before = new java.util.HashSet<>(dataBlobs(f));
        Process kill = backupProcess(azurite, f, cfg, tmp.resolve("w2"));
        waitForData(f, kill, before);
        kill.destroyForcibly();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
        assertTrue(manifests(f).isEmpty(), manifests(f).toString());
        assertEquals(LeaseStateType.LEASED, lockLease(f), "a killed holder cannot release its lease");

        // the next backup on this machine sees the holder is dead and does not wait a lease period
        BackupResult next = f.backup(BackupJob.Mode.AUTO);
        assertEquals(OBJECTS * f.containers().size(), next.point().objects());
        assertEquals(List.of(BackupLayout.manifestBlob(next.point().chainId(), next.point().seq())), manifests(f));
    }

    private static Path config(AzuriteEmulator azurite, DrillFixture f, Path tmp) throws IOException {
        String yaml = io.drp.testing.EnvConfig.yaml(f, ", parallelism: 1");
        return Files.writeString(tmp.resolve("drp.yaml"), yaml);
    }

    private static Process backupProcess(AzuriteEmulator azurite, DrillFixture f, Path cfg, Path work) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main", "backup", "-c", cfg.toString(),
                "--work-dir", work.toString(), "--full")).redirectErrorStream(true)
                .redirectOutput(Path.of(work + ".log").toFile()); // destroy() closes a pipe before it can be read
        pb.environment().putAll(io.drp.testing.EnvConfig.env(azurite));
        pb.environment().putAll(io.drp.testing.EnvConfig.signingEnv(f));
        return pb.start();
    }

    /** Returns once the child has copied data into a point it has not committed; fails if it finished first. */
    private static void waitForData(DrillFixture f, Process p, java.util.Set<String> earlier) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(p.isAlive(), "drp backup ended before it could be stopped");
            if (dataBlobs(f).stream().anyMatch(n -> !earlier.contains(n))) {
                assertTrue(manifests(f).isEmpty(), "the backup committed before it could be stopped; seed more objects");
                return;
            }
            Thread.onSpinWait(); // each listing is a request to the emulator: that is the wait
        }
        throw new AssertionError("drp backup copied nothing within 90 s");
    }

    private static long snapshots(DrillFixture f) {
        var options = new com.azure.storage.blob.models.ListBlobsOptions()
                .setDetails(new com.azure.storage.blob.models.BlobListDetails().setRetrieveSnapshots(true));
        return f.containers().stream().mapToLong(c -> f.prodWritable.container(c).listBlobs(options, null).stream()
                .filter(b -> b.getSnapshot() != null).count()).sum();
    }

    private static List<String> dataBlobs(DrillFixture f) {
        BlobContainerClient c = backups(f);
        if (!c.exists()) return List.of();
        return c.listBlobs().stream().map(b -> b.getName()).filter(n -> n.startsWith("chains/") && n.contains("/data/")).toList();
    }

    private static BlobContainerClient backups(DrillFixture f) {
        return f.backupWritable.container(f.config.backup().container());
    }

    private static List<String> manifests(DrillFixture f) {
        return backups(f).listBlobs().stream().map(b -> b.getName()).filter(n -> n.startsWith("chains/") && !n.contains("/data/")).toList();
    }

    private static LeaseStateType lockLease(DrillFixture f) {
        return f.backupWritable.container(LeaseLock.CONTAINER).getBlobClient(BackupJob.LOCK).getProperties().getLeaseState();
    }
}
