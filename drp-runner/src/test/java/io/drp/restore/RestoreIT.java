package io.drp.restore;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;
import io.drp.failure.UsageFailure;
import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerBook;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RestoreOptions;
import io.drp.recovery.RestoreResolver;
import io.drp.recovery.RestoreSpec;
import io.drp.report.ReportSchemaTest;
import io.drp.report.ReportWriters;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.storage.emulator.AzuriteEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real recovery against a real Azurite. What was restored is checked with the plain SDK, not drp's reader. */
@ExtendWith(Azurite.class)
class RestoreIT {

    private static RestoreOptions options(Path reportDir, Instant at, RestoreSpec.Destination to, boolean overwrite,
                                          List<String> containers, String prefix, Map<String, String> rename) {
        return new RestoreOptions(at, null, null, null, containers, prefix, to, rename, overwrite, null, null, reportDir, 4, null, null);
    }

    private static DrillReport restore(DrillFixture f, RestoreOptions o) throws Exception {
        RecoveryRequest req = new RestoreResolver(f.config, Clock.systemUTC(), f.workDir).resolve(o);
        return runner(f).run(req, List.of()).report();
    }

    private static RestoreRunner runner(DrillFixture f) {
        return new RestoreRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll, null);
    }

    private static long detail(DrillReport r, String step, String key) {
        StepRecord s = r.steps().stream().filter(x -> x.name().equals(step)).findFirst().orElseThrow();
        return ((Number) s.details().getOrDefault(key, 0)).longValue();
    }

    @Test
    void anOlderPointIsRestoredExactlyAsProductionWasThen(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given three points, with production's state captured (by plain SDK reads) right after the middle one
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(6);
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "obj-0001.txt", "version two");
        f.data().delete(f.media(), "obj-0002.txt");
        BackupResult middle = f.backup(BackupJob.Mode.INCREMENTAL);
        Map<String, String> thenState = DrillFixture.contents(f.prodWritable, f.containers());
        f.data().put(f.orders(), "obj-0001.txt", "version three");
        f.data().put(f.invoices(), "later.txt", "after the middle point");
        BackupResult last = f.backup(BackupJob.Mode.INCREMENTAL);
        Instant between = middle.point().watermark().plusMillis((last.point().watermark().toEpochMilli() - middle.point().watermark().toEpochMilli()) / 2);

        // when restoring at an instant between the middle and the last point
        Path reports = tmp.resolve("r");
        DrillReport r = restore(f, options(reports, between, null, false, null, null, null));

        // then the recovery account holds production's state at the middle point, byte for byte
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(middle.point().pointId(), r.measured().recoveryPoint());
        assertEquals(thenState, DrillFixture.contents(f.recovery, f.containers()));
        assertEquals("restore", r.kind());
        assertEquals("recovery", r.restore().destination());
        assertTrue(r.steps().stream().anyMatch(s -> s.name().equals("teardown") && s.status().name().equals("SKIPPED")));
        // and the report is a restore report, valid against the schema, recorded in the ledger with its kind
        Path json = reports.resolve("restore-report.json");
        assertTrue(Files.isRegularFile(json) && Files.isRegularFile(reports.resolve("restore-report.html")));
        assertEquals(Set.of(), ReportSchemaTest.validate(Files.readString(json)));
        new LedgerBook(tmp.resolve("ledger"), Optional.empty()).record(r, reports);
        assertEquals("restore", new DrillLedger(tmp.resolve("ledger"), Optional.empty()).read().records().get(0).kind());
        assertTrue(new DrillLedger(tmp.resolve("ledger"), Optional.empty()).verify().intact());
    }

    @Test
    void productionEmptiedByAResetGetsThePointsDataBack(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(5);
        f.backup(BackupJob.Mode.FULL);
        Map<String, String> before = DrillFixture.contents(f.prodWritable, f.containers());
        for (String c : f.containers()) {
            f.prodWritable.container(c).listBlobs().forEach(b -> f.prodWritable.container(c).getBlobClient(b.getName()).delete());
        }
        assertEquals(Map.of(), DrillFixture.contents(f.prodWritable, f.containers()));

        DrillReport r = restore(f, options(tmp.resolve("r"), null, RestoreSpec.Destination.PRODUCTION, false, null, null, null));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(before, DrillFixture.contents(f.prodWritable, f.containers()));
        assertEquals("production", r.restore().destination());
        // the restore wrote the very place loss is measured against: the report says so rather than "0 lost"
        assertTrue(r.integrity().lossUnknownBecause() != null && r.integrity().lossUnknownBecause().contains("wrote into production"),
                String.valueOf(r.integrity().lossUnknownBecause()));
        String md = io.drp.report.MarkdownReportRenderer.render(r);
        assertTrue(md.contains("lost: not measured (") && md.contains("DR restore `"), md);
    }

    @Test
    void aTargetHoldingObjectsIsRefusedAndNothingIsWritten(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        f.backup(BackupJob.Mode.FULL);
        Map<String, String> prodBefore = DrillFixture.fingerprint(f.prodWritable, f.containers());

        UsageFailure e = assertThrows(UsageFailure.class,
                () -> restore(f, options(tmp.resolve("r"), null, RestoreSpec.Destination.PRODUCTION, false, null, null, null)));

        assertTrue(e.getMessage().contains("already hold objects") && e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(prodBefore, DrillFixture.fingerprint(f.prodWritable, f.containers()));
        assertFalse(Files.exists(tmp.resolve("r")), "a refused restore writes no report either");
    }

    @Test
    void overwriteReplacesSameNamedObjectsListsThemAndLeavesTheRestAlone(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(4);
        f.backup(BackupJob.Mode.FULL);
        String backedUp = DrillFixture.contents(f.prodWritable, List.of(f.orders())).get(f.orders() + "/obj-0001.txt");
        f.data().put(f.orders(), "obj-0001.txt", "corrupted by the incident");
        f.data().put(f.orders(), "written-since.txt", "not in the point");

        DrillReport r = restore(f, options(tmp.resolve("r"), null, RestoreSpec.Destination.PRODUCTION, true,
                List.of(f.orders()), "obj-0001", null));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(1, r.restore().replacedObjects());
        assertEquals(List.of(f.orders() + "/obj-0001.txt"), r.restore().replaced());
        Map<String, String> after = DrillFixture.contents(f.prodWritable, List.of(f.orders()));
        assertEquals(backedUp, after.get(f.orders() + "/obj-0001.txt"));
        assertEquals(DrillFixture.sha256("not in the point".getBytes()), after.get(f.orders() + "/written-since.txt"));
        assertEquals(5, after.size(), "the four seeded objects and the one written since: nothing was deleted");
    }

    @Test
    void renameAndPrefixRestoreExactlyTheSelectedObjectsIntoASandbox(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(12);
        f.backup(BackupJob.Mode.FULL);
        String sandbox = f.prefix + "-analysis";
        Map<String, String> expected = new TreeMap<>();
        DrillFixture.contents(f.prodWritable, List.of(f.orders())).forEach((k, v) -> {
            if (k.startsWith(f.orders() + "/obj-000")) expected.put(sandbox + k.substring(f.orders().length()), v);
        });

        // written after the point, before the incident: two inside the restore's scope are lost, one outside it is not
        f.data().put(f.orders(), "obj-0009-late-a.txt", "after the backup");
        f.data().put(f.orders(), "obj-0009-late-b.txt", "after the backup");
        f.data().put(f.orders(), "zzz-late.txt", "outside the prefix");

        DrillReport r = restore(f, options(tmp.resolve("r"), null, null, false, List.of(f.orders()), "obj-000", Map.of(f.orders(), sandbox)));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(10, expected.size());
        assertEquals(expected, DrillFixture.contents(f.recovery, List.of(sandbox)));
        assertFalse(f.recovery.container(f.orders()).exists(), "nothing restored under the original name");
        assertFalse(f.recovery.container(f.media()).exists(), "containers outside the scope are not touched");
        assertEquals(10, r.integrity().objectsRestored());
        assertEquals(null, r.integrity().lossUnknownBecause(), "production was readable and untouched: loss is measured");
        assertEquals(2, r.integrity().objectsLost(), String.valueOf(r.integrity().lostObjects()));
    }

    @Test
    void aDryRunWritesNothingAndCountsWhatTheRealRunThenCopies(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(7);
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.media(), "obj-0003.txt", "rewritten");
        f.data().put(f.media(), "new.bin", new byte[5000]);
        f.backup(BackupJob.Mode.INCREMENTAL);
        RestoreOptions o = options(tmp.resolve("r"), null, null, false, List.of(f.media(), f.orders()), null, null);
        RecoveryRequest req = new RestoreResolver(f.config, Clock.systemUTC(), f.workDir).resolve(o);

        RestoreRunner.Preview p = runner(f).preview(req);

        assertEquals(Set.of(f.media(), f.orders()), Set.copyOf(p.toCreate()));
        assertFalse(f.recovery.container(f.media()).exists(), "the preview created nothing");
        DrillReport r = runner(f).run(req, List.of()).report();
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(p.plan().objects(), detail(r, "restore", "objects") + detail(r, "replay", "puts"));
        assertEquals(p.plan().bytes(), detail(r, "restore", "bytes") + detail(r, "replay", "bytes"));
        assertEquals(15, p.plan().objects(), "7 objects in each of the two containers in scope, once each, and the new one");
    }

    @Test
    void anExactPointCanBeNamedAndUsageErrorsNameTheOption(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        BackupResult full = f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "x.txt", "x");
        f.backup(BackupJob.Mode.INCREMENTAL);

        DrillReport r = restore(f, new RestoreOptions(null, full.point().pointId(), null, List.of("orders"), null, null, null, null, false,
                null, "region-outage", tmp.resolve("r"), 2, null, null));

        assertEquals(full.point().pointId(), r.measured().recoveryPoint());
        assertFalse(DrillFixture.contents(f.recovery, List.of(f.orders())).containsKey(f.orders() + "/x.txt"));
        // the older point does not hold x.txt, which production held at the incident: that is data lost, and judged
        assertEquals(1, r.integrity().objectsLost(), String.valueOf(r.integrity().lostObjects()));
        assertEquals(Verdict.FAILED, r.verdict(), r.verdictReason());
        assertTrue(r.verdictReason().contains("orders INTEGRITY"), r.verdictReason());
        RestoreResolver resolver = new RestoreResolver(f.config, Clock.systemUTC(), f.workDir);
        assertTrue(assertThrows(UsageFailure.class, () -> resolver.resolve(new RestoreOptions(null, null, null, List.of("billing"), null, null,
                null, null, false, null, null, null, null, null, null))).getMessage().startsWith("--service 'billing'"));
        assertTrue(assertThrows(UsageFailure.class, () -> resolver.resolve(new RestoreOptions(Instant.now(), "c1/000001", null, null, null,
                null, null, null, false, null, null, null, null, null, null))).getMessage().contains("give one of them"));
    }

    @Test
    void aLabelledSnapshotIsFoundByItsLabelEvenWhenNewerPointsExist(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given a snapshot labelled before a change, then the change and newer points
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        StorageAccountsForLabels.backup(f, "before-release-4.2");
        Map<String, String> beforeChange = DrillFixture.contents(f.prodWritable, f.containers());
        f.data().put(f.orders(), "obj-0000.txt", "release 4.2 broke this");
        f.backup(BackupJob.Mode.INCREMENTAL);
        f.backup(BackupJob.Mode.FULL);

        // when rolling back by label
        DrillReport r = restore(f, new RestoreOptions(null, null, "before-release-4.2", null, null, null, null, null, false,
                null, null, tmp.resolve("r"), 2, null, null));

        // then the recovery account holds the state before the change
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(beforeChange, DrillFixture.contents(f.recovery, f.containers()));
        assertEquals("label before-release-4.2", r.restore().requestedPoint());
    }

    /** A labelled full backup through the fixture's accounts. */
    private static final class StorageAccountsForLabels {
        static void backup(DrillFixture f, String label) {
            var prod = f.session.connector().openReadOnly("production", f.session.accounts().production());
            new BackupJob(prod, f.backupWritable, f.config.backup(), f.containers(), Clock.systemUTC(), f.workDir.resolve("cache"),
                    Progress.NONE).run(BackupJob.Mode.FULL, label, BackupJob.KEEP_LABELLED);
        }
    }
}
