package io.drp.recovery.rebuild;

import io.drp.backup.BackupJob;
import io.drp.config.DrpConfig;
import io.drp.config.LedgerConfig;
import io.drp.drill.DrillRunner;
import io.drp.ledger.LedgerBook;
import io.drp.model.DrillReport;
import io.drp.model.RebuildEstimate;
import io.drp.model.ResourceOperation;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.DryRun;
import io.drp.recovery.LockedRun;
import io.drp.recovery.RecoveryRequest;
import io.drp.report.ReportJson;
import io.drp.stacks.App;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.ScriptedPulumi;
import io.drp.testing.SteppableClock;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Two ephemeral drills through the Automation API (the CLI under it is {@link ScriptedPulumi}) record their resource
 * timings in the ledger; a dry run then prices its preview from them. Not run for real: the Pulumi CLI and Azure.
 */
@ExtendWith(Azurite.class)
class RebuildEstimateIT {

    static final String GROUP = "azure-native:resources:ResourceGroup";
    static final String ACCOUNT = "azure-native:storage:StorageAccount";
    static final String CONTAINER = "azure-native:storage:BlobContainer";

    private final SteppableClock clock = SteppableClock.startingNow();

    private static List<ScriptedPulumi.Resource> program(long groupMillis, long accountMillis, long containerMillis) {
        return List.of(new ScriptedPulumi.Resource(GROUP, "recovery-rg", Duration.ofMillis(groupMillis)),
                new ScriptedPulumi.Resource(ACCOUNT, "recovery-data", Duration.ofMillis(accountMillis)),
                new ScriptedPulumi.Resource(CONTAINER, "recovery-data-orders", Duration.ofMillis(containerMillis)));
    }

    private static ScriptedPulumi standIn(Path state, DrillFixture f, List<ScriptedPulumi.Resource> program) throws Exception {
        Function<Map<String, String>, Map<String, Object>> outputs = config -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String account = config.get("drp:namePrefix") + "datar";
            out.put(PulumiRecoveryTarget.OUT_ACCOUNT, account);
            out.put(PulumiRecoveryTarget.OUT_ENDPOINT, "https://" + account + ".blob.core.windows.net/");
            out.put(PulumiRecoveryTarget.OUT_CONTAINERS, List.of(f.orders(), f.invoices(), f.media()));
            return out;
        };
        return new ScriptedPulumi(Files.createDirectories(state), new SteppableClock(Instant.EPOCH), program, outputs);
    }

    private DrillRunner runner(DrpConfig config, DrillFixture f, ScriptedPulumi cli, Path tmp) throws Exception {
        Path stackConfig = Files.writeString(tmp.resolve("Pulumi.recovery.yaml"), """
                config:
                  drp:region: francesouth
                  drp:pairedRegion: francecentral
                  drp:dataContainers: orders,invoices,media
                  drp:productionStack: organization/drp/production
                """);
        PulumiWorkspace ws = new PulumiWorkspace(cli.withClock(clock), App::stack, clock);
        Function<StorageAccount, RecoveryTarget> targets = recovery -> new PulumiRecoveryTarget(ws,
                new PulumiRecoveryTarget.Stack("recovery", PulumiRecoveryTarget.Mode.EPHEMERAL, stackConfig), recovery,
                LocalRecoveryTarget::new, endpoint -> recovery);
        return new DrillRunner(config, f.session, f.workDir, clock, Progress.NONE, ReportJson::write, targets);
    }

    /** The fixture's config with its ledger in the test's directory, not the working directory's. */
    private static DrpConfig withLedger(DrpConfig c, Path dir) {
        return new DrpConfig(c.file(), c.sha256(), c.storage(), c.backup(), c.recovery(), c.services(), c.drill(),
                new LedgerConfig(dir, null, c.ledger().retentionDays()), c.warnings(), c.watch(), c.serviceHours());
    }

    private DrillReport drill(DrpConfig config, DrillFixture f, Path tmp, String name, List<ScriptedPulumi.Resource> program) throws Exception {
        RecoveryRequest req = TestRequests.drill(null, null, "region-outage", false, tmp.resolve(name), 4, true);
        LedgerBook book = new LedgerBook(config.ledger().dir(), Optional.empty());
        LockedRun.Outcome o = runner(config, f, standIn(tmp.resolve(name + "-state"), f, program), tmp).run(req, List.of(book::record));
        assertEquals(Verdict.PASSED, o.report().verdict(), o.report().verdictReason());
        assertFalse(o.notes().get(0).failed(), o.notes().get(0).text());
        return o.report();
    }

    /** What a report's rebuild step says one resource took: read from the report, not from the ledger. */
    private static double took(DrillReport r, String type) {
        return r.steps().stream().filter(s -> s.name().equals("rebuild")).flatMap(s -> ResourceOperation.of(s).stream())
                .filter(op -> op.type().equals(type)).findFirst().orElseThrow().durationSeconds();
    }

    private static DrillFixture seeded(AzuriteEmulator azurite, Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        f.backup(BackupJob.Mode.FULL);
        return f;
    }

    /** A dry run on a stand-in of its own: the preview creates nothing, so its scripted durations do not matter. */
    private DryRun dryRun(DrpConfig config, DrillFixture f, Path tmp) throws Exception {
        return runner(config, f, standIn(tmp.resolve("dry-state"), f, program(1, 1, 1)), tmp)
                .dryRun(TestRequests.drill("dry-" + f.prefix, null, "region-outage", false, tmp.resolve("r"), 4, true));
    }

    @Test
    void aDryRunPricesThePreviewFromTheTimingsOfTwoPastDrills(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        DrpConfig config = withLedger(f.config, tmp.resolve("ledger"));
        DrillReport first = drill(config, f, tmp, "d1", program(4_000, 40_000, 1_000));
        DrillReport second = drill(config, f, tmp, "d2", program(6_000, 52_000, 2_000));

        DryRun d = dryRun(config, f, tmp);

        RebuildEstimate e = d.estimate();
        assertNotNull(e, "a Pulumi target's dry run carries an estimate");
        assertEquals(2, e.pastDrills());
        assertEquals(List.of(GROUP, ACCOUNT, CONTAINER), e.lines().stream().map(RebuildEstimate.Line::type).toList());
        double group = (took(first, GROUP) + took(second, GROUP)) / 2;
        double account = (took(first, ACCOUNT) + took(second, ACCOUNT)) / 2;
        double container = (took(first, CONTAINER) + took(second, CONTAINER)) / 2;
        assertEquals(46.0, account, 1e-9, "the drills took what the stand-in scripted");
        assertEquals(account, e.lines().get(1).medianSeconds(), 1e-9);
        assertEquals(group + account + container, e.serialSeconds(), 1e-9);
        assertEquals(List.of(), e.withoutHistory());
    }

    @Test
    void aDryRunWithAnEmptyLedgerSaysEveryTypeHasNoHistory(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        DrpConfig config = withLedger(f.config, tmp.resolve("ledger"));

        DryRun d = dryRun(config, f, tmp);

        assertEquals(0, d.estimate().pastDrills());
        assertEquals(List.of(GROUP, ACCOUNT, CONTAINER), d.estimate().withoutHistory());
        assertNull(d.estimate().lines().get(1).medianSeconds());
    }
}
