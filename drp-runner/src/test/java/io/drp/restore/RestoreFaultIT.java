package io.drp.restore;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RestoreOptions;
import io.drp.recovery.RestoreResolver;
import io.drp.report.ReportWriters;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real recovery survives the storage dying mid-restore: --resume finishes it and the RTO counts from the first start. */
class RestoreFaultIT {

    @Test
    void emulatorKilledMidRestoreThenResumeFinishesAndKeepsTheIncidentStart(@TempDir Path tmp) throws Exception {
        // given a dedicated emulator (this test kills it) and a backup of 90 objects
        Path data = tmp.resolve("azurite");
        AzuriteEmulator first = AzuriteEmulator.start(data);
        DrillFixture f = new DrillFixture(first, tmp);
        f.data().seed(30);
        f.backup(BackupJob.Mode.FULL);
        Map<String, String> expected = DrillFixture.contents(f.prodWritable, f.containers());
        // Azurite saves its metadata every 5 s; Azure acknowledges writes durably. Let the backup become durable.
        Thread.sleep(6_000);
        Instant incident = Instant.now().minusSeconds(30);
        // the backup is newer than the incident start, so the point is chosen at "now" explicitly
        RestoreOptions asked = new RestoreOptions(Instant.now(), null, null, null, null, null, null, null, false, incident, null,
                tmp.resolve("r"), 1, null, null);
        RecoveryRequest req = new RestoreResolver(f.config, Clock.systemUTC(), f.workDir).resolve(asked);

        // when the emulator dies after 40 objects were restored (and made durable)
        AtomicBoolean killed = new AtomicBoolean();
        Progress killer = (step, objects, total, bytes) -> {
            if (step.equals("restore") && objects >= 40 && killed.compareAndSet(false, true)) {
                try {
                    Thread.sleep(6_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                first.kill();
            }
        };
        RequestRetryOptions fast = new RequestRetryOptions(RetryPolicyType.FIXED, 2, Duration.ofSeconds(5),
                Duration.ofMillis(50), Duration.ofMillis(50), null);
        DrillReport aborted;
        try (StorageSession s1 = StorageSession.ofEmulator(first, new StorageConnector(fast))) {
            aborted = new RestoreRunner(f.config, s1, f.workDir, Clock.systemUTC(), killer, ReportWriters::writeAll, null)
                    .run(req, List.of()).report();
        }
        assertEquals(Verdict.ABORTED, aborted.verdict(), aborted.verdictReason());

        // then resuming on the revived emulator finishes the restore, not recopying what was verified
        try (AzuriteEmulator second = AzuriteEmulator.start(data);
             StorageSession s2 = StorageSession.ofEmulator(second, new StorageConnector())) {
            RestoreOptions resume = new RestoreOptions(null, null, null, null, null, null, null, null, false, null, null,
                    tmp.resolve("r"), 4, null, req.runId());
            RecoveryRequest again = new RestoreResolver(f.config, Clock.systemUTC(), f.workDir).resolve(resume);
            DrillReport done = new RestoreRunner(f.config, s2, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll, null)
                    .run(again, List.of()).report();

            assertEquals(Verdict.PASSED, done.verdict(), done.verdictReason());
            assertEquals(2, done.runs().size());
            assertEquals(incident, done.measured().disasterAt());
            assertTrue(done.measured().rtoSeconds() >= 30, "the RTO counts from the incident start: " + done.measured().rtoSeconds());
            var recovery = s2.connector().open("recovery", s2.accounts().recovery());
            assertEquals(expected, DrillFixture.contents(recovery, f.containers()));
            long skipped = ((Number) done.steps().stream().filter(s -> s.name().equals("restore")).findFirst().orElseThrow()
                    .details().get("resumedSkipped")).longValue();
            System.out.printf("[figures] restore killed mid-copy: resumed run skipped %d of 90 objects; RTO %.3f s%n", skipped,
                    done.measured().rtoSeconds());
            assertTrue(skipped >= 35 && skipped <= 41, "the ~40 objects verified before the kill are not copied again, got " + skipped);
        }
    }
}
