package io.drp.drill;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.DrillOptions;
import io.drp.recovery.RequestResolver;
import io.drp.recovery.VerifyMode;
import io.drp.report.ReportJson;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.FaultyHttpClient;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drills under injected faults. Figures are printed for the issue notes. */
@ExtendWith(Azurite.class)
class FaultToleranceIT {

    @Test
    void transientErrorsAreRetriedCountedAndDoNotChangeTheResult(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given a clean reference drill
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(40);
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "obj-0001.txt", "changed");
        f.backup(BackupJob.Mode.INCREMENTAL);
        DrillReport clean = f.drill(null, true, tmp.resolve("clean"));
        Map<String, String> cleanData = DrillFixture.contents(f.recovery, f.containers());

        // when the same drill runs through a transport where every 7th request fails (503, reset, timeout)
        FaultyHttpClient faulty = new FaultyHttpClient(StorageConnector.defaultHttpClient(), 7);
        RequestRetryOptions fast = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 6, Duration.ofSeconds(20),
                Duration.ofMillis(20), Duration.ofMillis(200), null);
        StorageSession session = StorageSession.ofEmulator(azurite, new StorageConnector(fast, faulty));
        faulty.enable(true);
        // faults stop once the report is assembled: what comes after (releasing the lease) is not the drill's to count
        DrillReport rough = new DrillRunner(f.config, session, f.workDir, Clock.systemUTC(), Progress.NONE, (report, dir) -> {
            faulty.enable(false);
            return ReportJson.write(report, dir);
        }, DrillRunner.targetsFor(f.config)).run(TestRequests.drill("rough-" + f.prefix, null, "region-outage", true,
                tmp.resolve("rough"), 4, true));
        faulty.enable(false);

        // then the result is the same, and every injected fault was seen and retried
        System.out.printf("[figures] transient faults injected: %d (503: %d, resets: %d, timeouts: %d); counted in report: %d; verdict %s%n",
                faulty.injectedTotal(), faulty.injected(FaultyHttpClient.Fault.SERVER_BUSY_503),
                faulty.injected(FaultyHttpClient.Fault.CONNECTION_RESET), faulty.injected(FaultyHttpClient.Fault.TIMEOUT),
                rough.transientRetries(), rough.verdict());
        assertTrue(faulty.injectedTotal() >= 20, "too few faults injected to mean anything: " + faulty.injectedTotal());
        assertTrue(faulty.injected(FaultyHttpClient.Fault.CONNECTION_RESET) > 0 && faulty.injected(FaultyHttpClient.Fault.TIMEOUT) > 0);
        assertEquals(faulty.injectedTotal(), rough.transientRetries());
        assertEquals(clean.verdict(), rough.verdict());
        assertEquals(clean.integrity().objectsRestored(), rough.integrity().objectsRestored());
        assertEquals(0, rough.integrity().mismatches());
        assertEquals(cleanData, DrillFixture.contents(f.recovery, f.containers()));
    }

    @Test
    void emulatorKilledMidRestoreAbortsThenResumeFinishesWithoutRecopying(@TempDir Path tmp) throws Exception {
        // given a dedicated emulator (this test kills it) and a backup of 150 objects
        Path data = tmp.resolve("azurite");
        AzuriteEmulator first = AzuriteEmulator.start(data);
        DrillFixture f = new DrillFixture(first, tmp);
        f.data().seed(50);
        f.backup(BackupJob.Mode.FULL);
        // Azurite saves its metadata every 5 s (LokiJS autosave); Azure acknowledges writes durably. Wait so the
        // backup is as durable as it would be in Azure before we simulate the crash.
        Thread.sleep(6_000);
        RequestRetryOptions fast = new RequestRetryOptions(RetryPolicyType.FIXED, 2, Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(50), null);
        Instant t0 = Instant.now();
        String id = "kill-" + f.prefix;

        // when the emulator dies after 60 objects were restored. One copy worker, and a pause past Azurite's 5 s
        // autosave before the kill, so those 60 are durable (a kill loses Azurite's unsaved writes; drp then
        // re-copies them, because it checks the recovered object and not only its journal).
        AtomicBoolean killed = new AtomicBoolean();
        Progress killer = (step, objects, total, bytes) -> {
            if (step.equals("restore") && objects >= 60 && killed.compareAndSet(false, true)) {
                try {
                    Thread.sleep(6_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                first.kill();
            }
        };
        DrillReport aborted;
        try (StorageSession s1 = StorageSession.ofEmulator(first, new StorageConnector(fast))) {
            aborted = new DrillRunner(f.config, s1, f.workDir, Clock.systemUTC(), killer, ReportJson::write,
                    DrillRunner.targetsFor(f.config)).run(TestRequests.drill(id, t0, "region-outage", false, tmp.resolve("report"), 1, true));
        }

        // then the first run is ABORTED with its report written
        assertEquals(Verdict.ABORTED, aborted.verdict(), aborted.verdictReason());
        assertEquals(StepStatus.ABORTED, aborted.steps().stream().filter(s -> s.name().equals("restore")).findFirst().orElseThrow().status());
        assertEquals(Verdict.ABORTED, ReportJson.read(tmp.resolve("report").resolve(ReportJson.FILE_NAME)).verdict());

        // when the emulator comes back (same data, new port and keys) and the drill is resumed
        io.drp.testing.RecordingHttpClient wire = new io.drp.testing.RecordingHttpClient(StorageConnector.defaultHttpClient());
        try (AzuriteEmulator second = AzuriteEmulator.start(data);
             StorageSession s2 = StorageSession.ofEmulator(second, new StorageConnector(StorageConnector.defaultRetryOptions(), wire))) {
            DrillReport resumed = new DrillRunner(f.config, s2, f.workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write,
                    DrillRunner.targetsFor(f.config)).run(new RequestResolver(f.config, Clock.systemUTC(), f.workDir)
                            .drill(new DrillOptions(null, null, false, tmp.resolve("report"), 4, VerifyMode.FULL, id)));

            // then it finishes, without copying again what was verified, and keeps the first run's T0
            assertEquals(Verdict.PASSED, resumed.verdict(), resumed.verdictReason() + " " + resumed.steps());
            var restore = resumed.steps().stream().filter(s -> s.name().equals("restore")).findFirst().orElseThrow();
            long skipped = ((Number) restore.details().get("resumedSkipped")).longValue();
            System.out.printf("[figures] emulator killed mid-restore: first run %s, resumed run %s; %d of %d objects not recopied; RTO %.3f s; lost %d%n",
                    aborted.verdict(), resumed.verdict(), skipped, resumed.integrity().objectsExpected(),
                    resumed.measured().rtoSeconds(), resumed.integrity().objectsLost());
            assertEquals(Verdict.PASSED, resumed.verdict(), resumed.verdictReason());
            assertTrue(skipped >= 55 && skipped <= 61, "expected the ~60 objects verified before the kill to be skipped, got " + skipped);
            // what the journal says is checked against the target's listing, not by one Get Properties per object
            long blobHeads = wire.count(r -> r.startsWith("HEAD /drprecovery/" + f.prefix + "-") && !r.contains("restype=container"));
            assertEquals(0, blobHeads, wire.requests().stream().filter(r -> r.startsWith("HEAD ")).toList().toString());
            assertEquals(150, resumed.integrity().objectsRestored());
            assertEquals(2, resumed.runs().size());
            assertEquals(Verdict.ABORTED, resumed.runs().get(0).outcome());
            assertEquals(t0, resumed.measured().disasterAt());
            double trueRto = Duration.between(t0, resumed.measured().verifiedAt()).toMillis() / 1000.0;
            assertEquals(trueRto, resumed.measured().rtoSeconds(), 0.01);
            assertTrue(resumed.measured().verifiedAt().isAfter(resumed.runs().get(0).finishedAt()),
                    "the RTO spans both runs");
        }
    }
}
