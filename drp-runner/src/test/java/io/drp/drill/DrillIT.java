package io.drp.drill;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.models.BlobStorageException;
import io.drp.backup.BackupJob;
import io.drp.backup.BackupLayout;
import io.drp.backup.BackupResult;
import io.drp.model.DrillReport;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.Scenario;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end drills against a real Azurite: nothing on the storage path is mocked. */
@ExtendWith(Azurite.class)
class DrillIT {

    @Test
    void measuredRpoEqualsGapBetweenLastBackupPointAndDisaster(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given a full backup and an incremental, whose start we bracket with our own clock readings
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(10);
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "late.txt", "written between the two points");
        Instant before = Instant.now();
        BackupResult last = f.backup(BackupJob.Mode.INCREMENTAL);
        Instant after = Instant.now();
        Thread.sleep(2_000);
        Instant t0 = Instant.now();

        // when
        DrillReport r = f.drill(t0, false, tmp.resolve("report"));

        // then the measured RPO is the real gap, to within the time the backup took to start
        double measured = r.measured().rpoSeconds();
        double upper = Duration.between(before, t0).toMillis() / 1000.0;
        double lower = Duration.between(after, t0).toMillis() / 1000.0;
        assertTrue(measured >= lower - 0.001 && measured <= upper + 0.001,
                "RPO " + measured + " outside [" + lower + ", " + upper + "]");
        assertEquals(upper, measured, 1.0, "the point's watermark is the backup's start: the gap to T0 within one second");
        assertTrue(measured >= 2.0, "RPO must include the 2 s gap, was " + measured);
        assertEquals(last.point().pointId(), r.measured().recoveryPoint());
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
    }

    @Test
    void disasterBeforeTheLastPointRestoresTheOneBeforeIt(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(5);
        BackupResult full = f.backup(BackupJob.Mode.FULL);
        Thread.sleep(1_200);
        Instant t0 = Instant.now();
        Thread.sleep(1_200);
        f.data().put(f.orders(), "after-t0.txt", "only in the second point");
        f.backup(BackupJob.Mode.INCREMENTAL);

        DrillReport r = f.drill(t0, true, tmp.resolve("report"));

        assertEquals(full.point().pointId(), r.measured().recoveryPoint());
        assertEquals(Duration.between(full.point().watermark(), t0).toMillis() / 1000.0, r.measured().rpoSeconds(), 0.002);
        assertFalse(f.recovery.container(f.orders()).getBlobClient("after-t0.txt").exists(),
                "an object backed up after T0 must not be restored");
    }

    @Test
    void restoredDataEqualsRecoveryPointByteForByte(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given production with text and a multi-block binary object, a full backup and churn in an incremental
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(20);
        byte[] big = new byte[9 * 1024 * 1024 + 123]; // larger than one copy block: exercises staged blocks
        new java.util.Random(7).nextBytes(big);
        f.data().put(f.media(), "video/big.bin", big);
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "obj-0003.txt", "rewritten after the full snapshot");
        f.data().put(f.invoices(), "new/é unicode name.txt", "new object with a non-ASCII name");
        f.backup(BackupJob.Mode.INCREMENTAL);
        Map<String, String> atRecoveryPoint = DrillFixture.contents(f.prodWritable, f.containers());

        // when
        DrillReport r = f.drill(null, true, tmp.resolve("report"));

        // then every recovered object has the bytes production had at the recovery point, and nothing else exists
        Map<String, String> recovered = DrillFixture.contents(f.recovery, f.containers());
        assertEquals(atRecoveryPoint, recovered);
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(atRecoveryPoint.size(), r.integrity().objectsRestored());
        assertEquals(0, r.integrity().objectsLost());
    }

    @Test
    void objectsDeletedBeforeTheRecoveryPointStayDeletedAfterReplay(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Scenario.on(f).seed(8).full()
                .delete(f.orders(), "obj-0001.txt").delete(f.media(), "obj-0007.txt").incremental()
                .put(f.orders(), "obj-0001.txt", "re-created later, then deleted again").incremental()
                .delete(f.orders(), "obj-0001.txt").incremental();

        DrillReport r = f.drill(null, true, tmp.resolve("report"));

        assertFalse(f.recovery.container(f.orders()).getBlobClient("obj-0001.txt").exists());
        assertFalse(f.recovery.container(f.media()).getBlobClient("obj-0007.txt").exists());
        assertTrue(f.recovery.container(f.orders()).getBlobClient("obj-0002.txt").exists());
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        var replay = r.steps().stream().filter(s -> s.name().equals("replay")).findFirst().orElseThrow();
        assertEquals(3L, ((Number) replay.details().get("deletesNeedingNoWork")).longValue(), "three deletions in the chain, none replayed");
        assertEquals(0L, ((Number) replay.details().get("puts")).longValue(), "the re-created object was deleted again: nothing to copy");
    }

    @Test
    void corruptedBackupObjectFailsTheDrillNamingTheObject(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(6);
        BackupResult full = f.backup(BackupJob.Mode.FULL);
        // bit rot in the backup account: same size, different bytes
        String victim = BackupLayout.dataBlob(full.point().chainId(), 0, f.invoices(), "obj-0004.txt");
        var blob = f.backupWritable.container(f.config.backup().container()).getBlobClient(victim);
        byte[] bytes = blob.downloadContent().toBytes();
        bytes[0] ^= 0x01;
        blob.upload(BinaryData.fromBytes(bytes), true);

        DrillReport r = f.drill(null, false, tmp.resolve("report"));

        assertEquals(Verdict.FAILED, r.verdict());
        assertEquals(1, r.integrity().mismatches());
        assertTrue(r.integrity().mismatchedObjects().get(0).startsWith(f.invoices() + "/obj-0004.txt"), r.integrity().mismatchedObjects().toString());
        assertTrue(r.verdictReason().contains(f.invoices() + "/obj-0004.txt"), r.verdictReason());
        assertFalse(f.recovery.container(f.invoices()).exists() && f.recovery.container(f.invoices()).getBlobClient("obj-0004.txt").exists(),
                "a corrupt object must never be committed to recovery");
    }

    @Test
    void noBackupsAtAllAbortsWithAClearMessageAndStillWritesTheReport(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);

        Path reportDir = tmp.resolve("report");
        DrillReport r = f.drill(null, false, reportDir);

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().startsWith("plan: no restorable backup"), r.verdictReason());
        assertTrue(r.verdictReason().contains("run 'drp backup' first"), r.verdictReason());
        assertEquals(StepStatus.ABORTED, r.steps().get(0).status());
        assertTrue(r.steps().stream().skip(1).allMatch(s -> s.status() == StepStatus.SKIPPED));
        DrillReport onDisk = ReportJson.read(reportDir.resolve(ReportJson.FILE_NAME));
        assertEquals(Verdict.ABORTED, onDisk.verdict());
        assertEquals(io.drp.cli.ExitCode.ABORTED, io.drp.cli.ExitCode.of(onDisk.verdict()));
    }

    @Test
    void productionAndBackupsAreUnchangedByADrill(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(12);
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "after-backup.txt", "lost in the disaster");
        var backupContainers = java.util.List.of(f.config.backup().container());
        Map<String, String> prodBytes = DrillFixture.contents(f.prodWritable, f.containers());
        Map<String, String> prodMeta = DrillFixture.fingerprint(f.prodWritable, f.containers());
        Map<String, String> backupMeta = DrillFixture.fingerprint(f.backupWritable, backupContainers);

        DrillReport r = f.drill(null, false, tmp.resolve("report"));

        assertEquals(prodBytes, DrillFixture.contents(f.prodWritable, f.containers()));
        assertEquals(prodMeta, DrillFixture.fingerprint(f.prodWritable, f.containers()));
        assertEquals(backupMeta, DrillFixture.fingerprint(f.backupWritable, backupContainers));
        assertEquals(1, r.integrity().objectsLost(), "the object written after the backup is the data lost");
        assertEquals(Verdict.FAILED, r.verdict(), "the SLA default tolerates no lost object");
    }

    @Test
    void theDrillPathCannotWriteProductionBecauseTheServiceRefuses(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        StorageAccount readOnly = f.session.connector().openReadOnly("production", f.session.accounts().production());

        // drp refuses first (ReadOnlyAccountsIT); without its policy, the narrowed SAS makes the service refuse as well
        BlobStorageException e = assertThrows(BlobStorageException.class, () ->
                serviceOnly(readOnly).getBlobContainerClient(f.orders()).getBlobClient("intruder.txt").upload(BinaryData.fromString("x"), true));

        assertEquals(403, e.getStatusCode());
        assertTrue(readOnly.serverEnforced());
        assertFalse(f.prodWritable.container(f.orders()).getBlobClient("intruder.txt").exists());
    }

    @Test
    void theDrillPathCannotWriteOrDeleteBackupsBecauseTheServiceRefuses(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        BackupResult full = f.backup(BackupJob.Mode.FULL);
        StorageAccount readOnly = f.session.connector().openReadOnly("backup", f.session.accounts().backup());
        var manifest = serviceOnly(readOnly).getBlobContainerClient(f.config.backup().container())
                .getBlobClient(io.drp.backup.BackupLayout.manifestBlob(full.point().chainId(), 0));

        BlobStorageException write = assertThrows(BlobStorageException.class, () -> manifest.upload(BinaryData.fromString("x"), true));
        BlobStorageException delete = assertThrows(BlobStorageException.class, manifest::delete);

        assertEquals(com.azure.storage.blob.models.BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH, write.getErrorCode());
        assertEquals(com.azure.storage.blob.models.BlobErrorCode.AUTHORIZATION_PERMISSION_MISMATCH, delete.getErrorCode());
        assertTrue(readOnly.serverEnforced());
        assertTrue(f.backupWritable.container(f.config.backup().container())
                .getBlobClient(io.drp.backup.BackupLayout.manifestBlob(full.point().chainId(), 0)).exists());
    }

    @Test
    void metadataVerificationTrustsTheHashesRecordedAtRestore(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(6);
        f.backup(BackupJob.Mode.FULL);

        DrillReport r = new DrillRunner(f.config, f.session, f.workDir, java.time.Clock.systemUTC(), io.drp.progress.Progress.NONE,
                ReportJson::write, DrillRunner.targetsFor(f.config))
                .run(TestRequests.drill("meta-" + f.prefix, null, "region-outage", true, tmp.resolve("r"), 2, false));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(18, r.integrity().objectsRestored());
        var verify = r.steps().stream().filter(s -> s.name().equals("verify")).findFirst().orElseThrow();
        assertTrue(String.valueOf(verify.details().get("mode")).startsWith("metadata"));
        // drp's bookkeeping is in its own state, not on the recovered object: it carries the original metadata only
        var blob = f.recovery.container(f.orders()).getBlobClient("obj-0002.txt");
        assertEquals(java.util.Map.of(), blob.getProperties().getMetadata());

        // and an object replaced between restore and verify is caught by metadata verification (its ETag is not drp's)
        io.drp.progress.Progress tamper = new io.drp.progress.Progress() {
            public void update(String step, long objects, long total, long bytes) { }
            public void done(String step) {
                if (step.equals("replay")) {
                    f.recovery.container(f.orders()).getBlobClient("obj-0002.txt")
                            .upload(com.azure.core.util.BinaryData.fromString("replaced behind drp's back"), true);
                }
            }
        };
        DrillReport again = new DrillRunner(f.config, f.session, f.workDir, java.time.Clock.systemUTC(), tamper,
                ReportJson::write, DrillRunner.targetsFor(f.config))
                .run(TestRequests.drill("meta2-" + f.prefix, null, "region-outage", true, tmp.resolve("r2"), 2, false));
        assertEquals(Verdict.FAILED, again.verdict(), again.verdictReason());
        assertTrue(again.verdictReason().contains("obj-0002.txt"), again.verdictReason());
    }

    @Test
    void aDryRunPlansButRebuildsAndWritesNothing(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(4);
        BackupResult full = f.backup(BackupJob.Mode.FULL);
        f.data().delete(f.orders(), "obj-0000.txt");
        BackupResult incr = f.backup(BackupJob.Mode.INCREMENTAL);
        Instant t0 = Instant.now();

        io.drp.recovery.DryRun d = new DrillRunner(f.config, f.session, f.workDir, java.time.Clock.systemUTC(), io.drp.progress.Progress.NONE,
                ReportJson::write, DrillRunner.targetsFor(f.config))
                .dryRun(TestRequests.drill("dry", t0, "region-outage", false, tmp.resolve("r"), 2, true));

        assertEquals(incr.point().pointId(), d.recoveryPoint());
        assertEquals(java.util.List.of(full.point().pointId(), incr.point().pointId()), d.points());
        assertEquals(11, d.objects(), "12 seeded, one deleted before the recovery point: 11 to copy, all from the full snapshot");
        assertEquals(0, d.replayPuts());
        assertEquals(1, d.replayDeletes());
        assertEquals(Duration.between(incr.point().watermark(), t0).toMillis() / 1000.0, d.rpoSeconds(), 0.002);
        assertTrue(d.rpoResults().stream().allMatch(io.drp.model.ObjectiveResult::met));
        for (String c : f.containers()) assertFalse(f.recovery.container(c).exists(), "a dry run rebuilds nothing");
        assertFalse(Files.exists(tmp.resolve("r")), "a dry run writes no report");
    }

    @Test
    void teardownRemovesRecoveryContainersUnlessKept(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        f.backup(BackupJob.Mode.FULL);

        DrillReport r = f.drill(null, false, tmp.resolve("report"));

        assertEquals("teardown", r.steps().get(r.steps().size() - 1).name());
        assertEquals(StepStatus.SUCCEEDED, r.steps().get(r.steps().size() - 1).status());
        for (String c : f.containers()) {
            assertFalse(f.recovery.container(c).exists(), c + " should have been torn down");
        }
        assertNotNull(Files.readString(tmp.resolve("report").resolve(ReportJson.FILE_NAME)));
    }

    /** The same client without drp's read-only request policy: what the service alone does with a request. */
    private static com.azure.storage.blob.BlobServiceClient serviceOnly(StorageAccount a) {
        com.azure.core.http.HttpPipeline p = a.client().getHttpPipeline();
        java.util.List<com.azure.core.http.policy.HttpPipelinePolicy> kept = new java.util.ArrayList<>();
        for (int i = 0; i < p.getPolicyCount(); i++) {
            if (!(p.getPolicy(i) instanceof io.drp.storage.ReadOnlyRequests)) kept.add(p.getPolicy(i));
        }
        return new com.azure.storage.blob.BlobServiceClientBuilder().endpoint(a.client().getAccountUrl())
                .pipeline(new com.azure.core.http.HttpPipelineBuilder().httpClient(p.getHttpClient())
                        .policies(kept.toArray(new com.azure.core.http.policy.HttpPipelinePolicy[0])).build())
                .buildClient();
    }
}
