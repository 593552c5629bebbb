package io.drp.restore;

import com.azure.core.util.BinaryData;
import io.drp.backup.BackupJob;
import io.drp.failure.UsageFailure;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.pipeline.SignalGuard;
import io.drp.progress.Progress;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RestoreOptions;
import io.drp.recovery.RestoreResolver;
import io.drp.recovery.RestoreSpec;
import io.drp.report.ReportWriters;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resume continues only an aborted run (issue 21, defect 2), and re-checks the target as a fresh run would:
 * only what the interrupted run itself committed may be there without --overwrite. Storage is read with the plain SDK.
 */
@ExtendWith(Azurite.class)
class RestoreResumeIT {

    private static RestoreOptions fresh(Path reports, RestoreSpec.Destination to) {
        return new RestoreOptions(Instant.now(), null, null, null, null, null, to, null, false, null, null, reports, 1, null, null);
    }

    private static RestoreOptions resume(String id, boolean overwrite, Path reports) {
        return new RestoreOptions(null, null, null, null, null, null, null, null, overwrite, null, null, reports, 1, null, id);
    }

    private static RecoveryRequest resolve(DrillFixture f, RestoreOptions o) {
        return new RestoreResolver(f.config, Clock.systemUTC(), f.workDir).resolve(o);
    }

    private static DrillReport run(DrillFixture f, RecoveryRequest req, Progress progress, SignalGuard stop) throws Exception {
        return new RestoreRunner(f.config, f.session, f.workDir, Clock.systemUTC(), progress, ReportWriters::writeAll, null)
                .run(req, List.of(), stop).report();
    }

    /** A restore into recovery stopped (as by Ctrl-C) after {@code after} objects were committed. */
    private static RecoveryRequest aborted(DrillFixture f, Path tmp, int after) throws Exception {
        RecoveryRequest req = resolve(f, fresh(tmp.resolve("first"), null));
        try (SignalGuard stop = SignalGuard.manual("restore")) {
            Progress stopping = (step, objects, total, bytes) -> {
                if (objects >= after) stop.request();
            };
            assertEquals(Verdict.ABORTED, run(f, req, stopping, stop).verdict());
        }
        return req;
    }

    private static DrillReport resumed(DrillFixture f, String id, boolean overwrite, Path reports) throws Exception {
        try (SignalGuard none = SignalGuard.manual("restore")) {
            return run(f, resolve(f, resume(id, overwrite, reports)), Progress.NONE, none);
        }
    }

    @Test
    void resumingAPassedRestoreIsRefusedAndProductionIsUnchanged(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given production lost, restored by drp (PASSED), and then written by the application again
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        f.backup(BackupJob.Mode.FULL);
        for (String c : f.containers()) f.prodWritable.container(c).delete();
        RecoveryRequest req = resolve(f, fresh(tmp.resolve("r"), RestoreSpec.Destination.PRODUCTION));
        try (SignalGuard none = SignalGuard.manual("restore")) {
            DrillReport done = run(f, req, Progress.NONE, none);
            assertEquals(Verdict.PASSED, done.verdict(), done.verdictReason());
        }
        f.prodWritable.container(f.orders()).getBlobClient("obj-0001.txt").upload(BinaryData.fromString("written after the restore"), true);
        Map<String, String> before = DrillFixture.contents(f.prodWritable, f.containers());

        // when the finished restore is "resumed" without --overwrite
        UsageFailure refused = assertThrows(UsageFailure.class, () -> resolve(f, resume(req.runId(), false, tmp.resolve("again"))));

        // then one line says why, and production holds what the application wrote
        assertTrue(refused.getMessage().contains("restore " + req.runId() + " finished (PASSED")
                && refused.getMessage().contains("only an aborted run can be resumed"), refused.getMessage());
        assertEquals(before, DrillFixture.contents(f.prodWritable, f.containers()));
        assertEquals("written after the restore", f.prodWritable.container(f.orders()).getBlobClient("obj-0001.txt").downloadContent().toString());
    }

    @Test
    void aGenuinelyAbortedRestoreResumesWithoutRecopyingItsOwnObjects(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(10);
        f.backup(BackupJob.Mode.FULL);
        RecoveryRequest first = aborted(f, tmp, 5);

        DrillReport done = resumed(f, first.runId(), false, tmp.resolve("done"));

        assertEquals(Verdict.PASSED, done.verdict(), done.verdictReason());
        assertEquals(DrillFixture.contents(f.prodWritable, f.containers()), DrillFixture.contents(f.recovery, f.containers()));
        assertEquals(0, done.restore().replacedObjects());
        assertTrue(((Number) done.steps().stream().filter(s -> s.name().equals("restore")).findFirst().orElseThrow()
                .details().get("resumedSkipped")).longValue() >= 5, "what the first run committed is not copied again");
    }

    @Test
    void aResumeChecksTheTargetLikeAFreshRunAndCountsWhatItReplaces(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given an aborted restore, after which someone rewrote one restored object and added one of their own
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(10);
        f.backup(BackupJob.Mode.FULL);
        RecoveryRequest first = aborted(f, tmp, 5);
        String restored = f.recovery.container(f.invoices()).listBlobs().stream().findFirst().orElseThrow().getName();
        f.recovery.container(f.invoices()).getBlobClient(restored).upload(BinaryData.fromString("theirs"), true);
        f.recovery.container(f.invoices()).getBlobClient("zz-theirs.txt").upload(BinaryData.fromString("extra"), true);

        // when resumed without --overwrite: refused, and their objects stay
        DrillReport refused = resumed(f, first.runId(), false, tmp.resolve("refused"));
        assertEquals(Verdict.ABORTED, refused.verdict());
        assertTrue(refused.verdictReason().contains("2 object(s) that restore " + first.runId() + " did not write"), refused.verdictReason());
        assertEquals("theirs", f.recovery.container(f.invoices()).getBlobClient(restored).downloadContent().toString());

        // then with --overwrite: finished, the report saying what was replaced, the object outside the point left alone
        DrillReport done = resumed(f, first.runId(), true, tmp.resolve("done"));
        assertEquals(Verdict.PASSED, done.verdict(), done.verdictReason());
        assertTrue(done.restore().overwrite());
        assertEquals(1, done.restore().replacedObjects());
        assertEquals(List.of(f.invoices() + "/" + restored), done.restore().replaced());
        assertEquals(DrillFixture.contents(f.prodWritable, List.of(f.invoices())).get(f.invoices() + "/" + restored),
                DrillFixture.contents(f.recovery, List.of(f.invoices())).get(f.invoices() + "/" + restored));
        assertEquals("extra", f.recovery.container(f.invoices()).getBlobClient("zz-theirs.txt").downloadContent().toString());
    }
}
