package io.drp.drill;

import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.ConsoleProgress;
import io.drp.progress.Progress;
import io.drp.recovery.LockedRun;
import io.drp.storage.LeaseLock;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One drill per target, lease expiry after a crash, and no secret in any log or report. */
@ExtendWith(Azurite.class)
class DrillSafetyIT {

    @Test
    void aSecondConcurrentDrillOnTheSameTargetIsRefused(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(10);
        f.backup(BackupJob.Mode.FULL);
        DrillFixture other = new DrillFixture(azurite, tmp.resolve("other"));
        other.data().seed(1);
        other.backup(BackupJob.Mode.FULL);

        // while drill A is restoring, drill B (another plan, same recovery account) tries to start
        AtomicReference<Throwable> second = new AtomicReference<>();
        Progress whileRunning = (step, objects, total, bytes) -> {
            if (step.equals("restore") && second.get() == null) {
                second.set(assertThrows(Throwable.class, () -> other.drill(null, false, tmp.resolve("b"))));
            }
        };
        DrillReport a = new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), whileRunning, ReportJson::write,
                DrillRunner.targetsFor(f.config)).run(TestRequests.drill("drill-a-" + f.prefix, null, "region-outage", false,
                tmp.resolve("a"), 1, true));

        assertEquals(Verdict.PASSED, a.verdict(), a.verdictReason());
        assertInstanceOf(LeaseLock.Busy.class, second.get());
        assertTrue(second.get().getMessage().contains("drill-a-" + f.prefix + " on ")
                && second.get().getMessage().contains("is running a drill or restore"), second.get().getMessage());
        assertFalse(Files.exists(tmp.resolve("b").resolve(ReportJson.FILE_NAME)), "a refused drill writes no report");
        // and once A is done the lock is free again
        assertEquals(Verdict.PASSED, other.drill(null, false, tmp.resolve("c")).verdict());
    }

    @Test
    void anUnwritableReportDirectoryIsOneClearFailureAndLeavesNoLedgerRecord(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        f.backup(BackupJob.Mode.FULL);
        Path notADirectory = Files.writeString(tmp.resolve("reports"), "a file where the report directory should be");
        var runner = new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE,
                io.drp.report.ReportWriters::writeAll, DrillRunner.targetsFor(f.config));
        List<io.drp.recovery.AfterRun> after = List.of(new io.drp.ledger.LedgerBook(tmp.resolve("ledger"), java.util.Optional.empty())::record);

        var e = assertThrows(io.drp.failure.StateFailure.class,
                () -> runner.run(TestRequests.drill(null, null, "region-outage", false, notADirectory, 2, true), after));

        assertTrue(e.getMessage().startsWith("cannot write the report into " + notADirectory) && !e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("ledger").resolve(io.drp.ledger.DrillLedger.FILE)), "no ledger record for a run without a report");
        assertEquals(io.drp.cli.ExitCode.ABORTED, io.drp.cli.ExitCode.of(e));
    }

    @Test
    void aDrillThatLosesItsLockStopsWritingAndIsAbortedSayingSo(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(20);
        f.backup(BackupJob.Mode.FULL);
        // the guard is what LockedRun wires to the lease: here it says "lost" once 5 objects are restored
        java.util.concurrent.atomic.AtomicLong restored = new java.util.concurrent.atomic.AtomicLong();
        Progress counting = (step, objects, total, bytes) -> {
            if (step.equals("restore")) restored.set(objects);
        };
        var production = f.session.connector().openReadOnly("production", f.session.accounts().production());
        var backup = f.session.connector().openReadOnly("backup", f.session.accounts().backup());
        var engine = new io.drp.recovery.RecoveryEngine(f.config, production, backup,
                new io.drp.recovery.rebuild.LocalRecoveryTarget(f.recovery), io.drp.recovery.Isolation.REHEARSAL, Clock.systemUTC(),
                counting, f.workDir, () -> 0, io.drp.secrets.Redactor.none(), ReportJson::write, "test");

        DrillReport r = engine.run(TestRequests.drill(null, null, "region-outage", false, tmp.resolve("r"), 1, true),
                () -> restored.get() >= 5 ? "the lock on the target was lost (LeaseLost)" : null);

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().startsWith("restore: the lock on the target was lost"), r.verdictReason());
        long written = f.recovery.container(f.orders()).listBlobs().stream().count() + f.recovery.container(f.invoices()).listBlobs().stream().count()
                + f.recovery.container(f.media()).listBlobs().stream().count();
        assertTrue(written < 60, "copies stopped once the lock was lost: " + written + " of 60 written");
        assertEquals(Verdict.ABORTED, ReportJson.read(tmp.resolve("r").resolve(ReportJson.FILE_NAME)).verdict());
    }

    @Test
    void aCrashedDrillsLockExpiresByItself(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        f.backup(BackupJob.Mode.FULL);
        // a crashed drill: a lease taken and never renewed nor released (15 s is the shortest Azure allows)
        StorageAccount recovery = f.recovery;
        LeaseLock.acquire(recovery, LockedRun.LOCK, "drill", "warm-up", false, Clock.systemUTC()).close();
        var blob = recovery.container(LeaseLock.CONTAINER).getBlobClient(LockedRun.LOCK);
        new BlobLeaseClientBuilder().blobClient(blob).buildClient().acquireLease(15);

        assertThrows(LeaseLock.Busy.class, () -> f.drill(null, false, tmp.resolve("r1")));
        Thread.sleep(16_000);
        assertEquals(Verdict.PASSED, f.drill(null, false, tmp.resolve("r2")).verdict());
    }

    @Test
    void noLogOrReportContainsAnAccountKeyOrConnectionString(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(5);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(console, true, StandardCharsets.UTF_8);
        List<DrillReport> reports = new ArrayList<>();
        // an aborted drill (no backup yet), a passed one, and a failed one (data written after the backup)
        reports.add(drill(f, tmp.resolve("aborted"), log));
        f.backup(BackupJob.Mode.FULL);
        reports.add(drill(f, tmp.resolve("passed"), log));
        f.data().put(f.orders(), "late.txt", "lost");
        reports.add(drill(f, tmp.resolve("failed"), log));
        assertEquals(List.of(Verdict.ABORTED, Verdict.PASSED, Verdict.FAILED), reports.stream().map(DrillReport::verdict).toList());

        List<String> secrets = azurite.secrets();
        assertTrue(secrets.size() >= 6);
        StringBuilder everything = new StringBuilder(console.toString(StandardCharsets.UTF_8));
        int files = 0;
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                everything.append('\n').append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                files++;
            }
        }
        for (DrillReport r : reports) everything.append(r.toString());
        // the embedded emulator's own log is a log too
        Path emulatorLog = azurite.dataDir().resolve("azurite.log");
        assertTrue(Files.exists(emulatorLog));
        everything.append('\n').append(Files.readString(emulatorLog));
        files++;
        String text = everything.toString();
        for (String s : secrets) {
            assertFalse(text.contains(s), "a secret leaked into logs or reports");
        }
        assertFalse(text.contains("AccountKey="), "a connection string leaked");
        assertFalse(text.contains("sig="), "a SAS signature leaked");
        assertTrue(files >= 6, "scanned too few files: " + files);
        System.out.printf("[figures] secrets scan: %d files and %d chars of console output scanned for %d secrets, 0 found%n",
                files, console.size(), secrets.size());
    }

    private static DrillReport drill(DrillFixture f, Path dir, PrintStream log) throws Exception {
        DrillRunner runner = new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), new ConsoleProgress(log, false),
                ReportJson::write, DrillRunner.targetsFor(f.config));
        DrillReport r = runner.run(TestRequests.drill(null, null, "region-outage", false, dir, 2, true));
        log.println(r.verdictReason());
        r.findings().forEach(x -> log.println(x.message()));
        assertNotNull(r);
        return r;
    }
}
