package io.drp.recovery;

import io.drp.backup.BackupJob;
import io.drp.backup.ManifestEntry;
import io.drp.drill.DrillRunner;
import io.drp.model.Controls;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.report.ReportSchemaTest;
import io.drp.report.ReportWriters;
import io.drp.restore.RestoreRunner;
import io.drp.storage.BlobAttributes;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.RequestCountingPolicy;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The negative controls on a real Azurite: each planted fault is caught by the verifier that passed the restored data,
 * a verifier made blind is caught by them, and the scratch container is gone afterwards (checked with the plain SDK).
 */
@ExtendWith(Azurite.class)
class ControlsIT {

    private static DrillFixture seeded(AzuriteEmulator azurite, Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(4);
        f.backup(BackupJob.Mode.FULL);
        return f;
    }

    /** Whether the recovery account holds a container of that name, asked with the plain SDK's container client. */
    private static boolean exists(DrillFixture f, String container) {
        return f.recovery.container(container).exists();
    }

    private static StepRecord step(DrillReport r, String name) {
        return r.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(r.steps()));
    }

    private static Controls.Control control(DrillReport r, String fault) {
        return r.controls().planted().stream().filter(c -> c.fault().equals(fault)).findFirst()
                .orElseThrow(() -> new AssertionError(r.controls()));
    }

    /** A drill by the engine with the given comparison: the package-private seam, out of reach of any command. */
    private static DrillReport drillComparingWith(DrillFixture f, Path reports, ContainerVerifier.Comparison comparison) throws Exception {
        RunSetup setup = new RunSetup(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll);
        RecoveryEngine engine = setup.engine(setup.readOnly("production"), setup.readOnly("backup"),
                DrillRunner.targetsFor(f.config).apply(f.recovery), Isolation.REHEARSAL);
        engine.verifyingWith(comparison);
        return engine.run(TestRequests.drill(null, null, "region-outage", false, reports, 4, true)); // full: verify hashes every object
    }

    @Test
    void aDrillPlantsThreeFaultsCatchesEachForItsOwnReasonAndLeavesNoScratchContainer(AzuriteEmulator azurite, @TempDir Path tmp)
            throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        RequestCountingPolicy counting = new RequestCountingPolicy();
        StorageSession session = StorageSession.ofEmulator(azurite,
                new StorageConnector(StorageConnector.defaultRetryOptions(), StorageConnector.defaultHttpClient(), List.of(counting)));
        Path reports = tmp.resolve("r");
        String id = "d-controls-" + f.prefix;

        DrillReport r = new DrillRunner(f.config, session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll,
                DrillRunner.targetsFor(f.config)).run(TestRequests.drill(id, null, "region-outage", false, reports, 4, false));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        Controls c = r.controls();
        assertTrue(c.ran(), String.valueOf(c));
        assertEquals(List.of("flipped-byte", "left-out", "content-type"), c.planted().stream().map(Controls.Control::fault).toList());
        assertTrue(c.planted().stream().allMatch(Controls.Control::caught), c.toString());
        // each fault is seen by the one check only it can trip: the hash, the join, the attribute comparison
        assertTrue(control(r, "flipped-byte").verifierSaid().stream().anyMatch(s -> s.contains("content differs")), c.toString());
        assertTrue(control(r, "left-out").verifierSaid().stream().anyMatch(s -> s.contains("missing")), c.toString());
        assertEquals(List.of("restored attributes differ: contentType"), control(r, "content-type").verifierSaid());
        // the source was one of the restored objects, and the scratch container existed during the run and is gone now
        assertTrue(c.source().contains(f.prefix + "-"), c.source());
        String scratch = "drp-control-" + id;
        assertEquals(scratch, c.container());
        assertTrue(counting.requests().stream().anyMatch(q -> q.startsWith("PUT /drprecovery/" + scratch + "?restype=container")),
                "the scratch container was created");
        assertTrue(c.containerDeleted());
        assertFalse(exists(f, scratch), "the scratch container is gone after the run");
        assertEquals(StepStatus.SUCCEEDED, step(r, "controls").status());
        // what the controls cost: every request to the scratch container, plus the one read of their source
        long cost = counting.requests().stream().filter(q -> q.contains("/" + scratch)).count();
        System.out.printf("[figures] negative controls: %d requests to the scratch container, plus 1 read of the source: %s%n", cost,
                counting.requests().stream().filter(q -> q.contains("/" + scratch)).toList());
        assertTrue(cost + 1 <= 10, "a handful of requests: " + cost);
        // every format carries the section, and the JSON is valid against the schema
        assertEquals(java.util.Set.of(), ReportSchemaTest.validate(Files.readString(reports.resolve("drill-report.json"))));
        String html = Files.readString(reports.resolve("drill-report.html"));
        assertTrue(html.contains("<h2>Controls</h2>") && html.contains("3 of 3 planted fault(s) caught"), html);
        assertTrue(Files.readString(reports.resolve("drill-report.md")).contains("Controls: 3 of 3 planted fault(s) caught"));
        String junit = Files.readString(reports.resolve("drill-report.junit.xml"));
        assertTrue(junit.contains("name=\"drp.controls\" tests=\"3\" failures=\"0\""), junit);
    }

    @Test
    void aVerifierBlindToContentPassesTheRestoredDataButTheFlippedByteFailsTheDrill(AzuriteEmulator azurite, @TempDir Path tmp)
            throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ContainerVerifier.Comparison blind = new ContainerVerifier.Comparison() {
            @Override
            public boolean sameContent(ManifestEntry want, long size, String sha256) {
                return true; // the defect: every hash "matches"
            }

            @Override
            public List<String> attributeDifferences(BlobAttributes want, BlobAttributes got) {
                return ContainerVerifier.Comparison.EXACT.attributeDifferences(want, got);
            }
        };

        DrillReport r = drillComparingWith(f, tmp.resolve("r"), blind);

        // the blind verifier found nothing wrong with the restored data, as it would not have with corrupt data either
        assertEquals(0, r.integrity().mismatches(), r.integrity().mismatchReasons().toString());
        // the controls show that: the flipped byte went unseen, so the verdict is FAILED with a blocking VERIFIER_BLIND
        assertEquals(Verdict.FAILED, r.verdict(), r.verdictReason());
        assertTrue(r.verdictReason().contains("verifier blind"), r.verdictReason());
        Finding f1 = r.findings().stream().filter(x -> x.code().equals("VERIFIER_BLIND")).findFirst().orElseThrow(() -> new AssertionError(r.findings()));
        assertEquals(Finding.Severity.BLOCKING, f1.severity());
        assertTrue(f1.message().contains("flipped-byte") && !f1.message().contains("left-out"), f1.message());
        assertFalse(control(r, "flipped-byte").caught());
        assertTrue(control(r, "left-out").caught() && control(r, "content-type").caught());
        assertFalse(exists(f, r.controls().container()));
    }

    @Test
    void aVerifierBlindToAttributesIsCaughtByTheContentTypeControl(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ContainerVerifier.Comparison blind = new ContainerVerifier.Comparison() {
            @Override
            public boolean sameContent(ManifestEntry want, long size, String sha256) {
                return ContainerVerifier.Comparison.EXACT.sameContent(want, size, sha256);
            }

            @Override
            public List<String> attributeDifferences(BlobAttributes want, BlobAttributes got) {
                return List.of(); // the defect: attributes always "equal"
            }
        };

        DrillReport r = drillComparingWith(f, tmp.resolve("r"), blind);

        assertEquals(Verdict.FAILED, r.verdict(), r.verdictReason());
        assertFalse(control(r, "content-type").caught(), r.controls().toString());
        assertTrue(control(r, "flipped-byte").caught() && control(r, "left-out").caught(), r.controls().toString());
        assertTrue(r.findings().stream().anyMatch(x -> x.code().equals("VERIFIER_BLIND") && x.severity() == Finding.Severity.BLOCKING));
    }

    @Test
    void noControlsSaysSoAndCreatesNoScratchContainer(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        String id = "d-nocontrols-" + f.prefix;

        DrillReport r = new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll,
                DrillRunner.targetsFor(f.config)).run(TestRequests.drill(id, null, "region-outage", false, tmp.resolve("r"), 4, false)
                .withControls(false));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertFalse(r.controls().ran());
        assertTrue(r.controls().notRunBecause().contains("--no-controls"), r.controls().notRunBecause());
        assertEquals(StepStatus.SKIPPED, step(r, "controls").status());
        assertFalse(exists(f, "drp-control-" + id));
        assertTrue(Files.readString(tmp.resolve("r").resolve("drill-report.md")).contains("No negative controls: --no-controls"));
    }

    @Test
    void aKeptDrillKeepsItsRecoveryContainersButNotTheScratchContainer(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        String id = "d-kept-" + f.prefix;

        DrillReport r = new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll,
                DrillRunner.targetsFor(f.config)).run(TestRequests.drill(id, null, "region-outage", true, tmp.resolve("r"), 4, true));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertTrue(r.controls().allCaught(), r.controls().toString());
        assertTrue(exists(f, f.orders()), "--keep keeps the restored containers");
        assertFalse(exists(f, "drp-control-" + id), "but not the scratch container");
    }

    @Test
    void aRestoreIntoRecoveryRunsTheControlsAndOneIntoProductionSaysWhyItPlantsNone(AzuriteEmulator azurite, @TempDir Path tmp)
            throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        RestoreRunner runner = new RestoreRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll, null);
        Map<String, String> before = DrillFixture.contents(f.prodWritable, f.containers());

        DrillReport intoRecovery = runner.run(new RestoreResolver(f.config, Clock.systemUTC(), f.workDir).resolve(new RestoreOptions(null, null,
                null, null, null, null, RestoreSpec.Destination.RECOVERY, null, false, null, null, tmp.resolve("a"), 4, null, null)), List.of()).report();
        DrillReport intoProduction = runner.run(new RestoreResolver(f.config, Clock.systemUTC(), f.workDir).resolve(new RestoreOptions(null, null,
                null, null, null, null, RestoreSpec.Destination.PRODUCTION, null, true, null, null, tmp.resolve("b"), 4, null, null)), List.of()).report();

        assertEquals(Verdict.PASSED, intoRecovery.verdict(), intoRecovery.verdictReason());
        assertTrue(intoRecovery.controls().allCaught(), intoRecovery.controls().toString());
        assertFalse(exists(f, intoRecovery.controls().container()));
        assertEquals(Verdict.PASSED, intoProduction.verdict(), intoProduction.verdictReason());
        assertFalse(intoProduction.controls().ran());
        assertNull(intoProduction.controls().container());
        assertTrue(intoProduction.controls().notRunBecause().contains("production"), intoProduction.controls().notRunBecause());
        assertEquals(StepStatus.SKIPPED, step(intoProduction, "controls").status());
        // production holds what it held: the point's own objects, and no scratch container
        assertEquals(before, DrillFixture.contents(f.prodWritable, f.containers()));
        assertTrue(f.prodWritable.container(f.orders()).getServiceClient().listBlobContainers().stream()
                .noneMatch(x -> x.getName().startsWith("drp-control-")), "nothing planted in production");
        String html = Files.readString(tmp.resolve("b").resolve("restore-report.html"));
        assertTrue(html.contains("No negative controls: a restore into production"), html);
    }
}
