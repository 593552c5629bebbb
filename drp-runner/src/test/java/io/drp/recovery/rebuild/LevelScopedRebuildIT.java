package io.drp.recovery.rebuild;

import io.drp.backup.BackupJob;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.DrillOptions;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RequestResolver;
import io.drp.recovery.VerifyMode;
import io.drp.report.ReportJson;
import io.drp.stacks.App;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.ScriptedPulumi;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each incident level rebuilds and restores, on the real Azurite: level 2 only the failed service (its
 * containers; with the Pulumi target, {@code up --target} with its URNs), level 3 everything, level 1 no update.
 * The Pulumi CLI is the scripted stand-in; what it received is what the Automation API would have passed the CLI.
 */
@ExtendWith(Azurite.class)
class LevelScopedRebuildIT {

    private SteppableClock clock;

    private DrillFixture seeded(AzuriteEmulator azurite, Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        f.backup(BackupJob.Mode.FULL);
        clock = SteppableClock.startingNow(); // T0 after the backup, so its point is restorable
        return f;
    }

    private RecoveryRequest drill(DrillFixture f, Path reports, String scenario, boolean keep, String... services) {
        return new RequestResolver(f.config, clock, f.workDir)
                .drill(new DrillOptions(null, scenario, keep, reports, 4, VerifyMode.FULL, null, List.of(services), null));
    }

    private DrillReport run(DrillFixture f, Function<StorageAccount, RecoveryTarget> targets, RecoveryRequest req) throws Exception {
        return new DrillRunner(f.config, f.session, f.workDir, clock, Progress.NONE, ReportJson::write, targets).run(req);
    }

    private static StepRecord rebuild(DrillReport r) {
        return r.steps().stream().filter(s -> s.name().equals("rebuild")).findFirst().orElseThrow();
    }

    @Test
    void aLocalLevel2DrillCreatesAndRestoresOnlyTheFailedServicesContainers(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);

        DrillReport r = run(f, DrillRunner.targetsFor(f.config), drill(f, tmp.resolve("r"), "level-2", true, "media"));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals("service", rebuild(r).details().get("extent"));
        assertEquals(3, r.integrity().objectsRestored(), "media's three objects, nothing of orders");
        assertEquals(3, DrillFixture.contents(f.recovery, List.of(f.media())).size());
        assertFalse(f.recovery.container(f.orders()).exists(), "another service's container is not created");
        assertFalse(f.recovery.container(f.invoices()).exists());
        assertEquals(java.util.Set.of("media"), r.objectiveResults().stream().map(o -> o.service()).collect(java.util.stream.Collectors.toSet()),
                "only the failed service is judged");
    }

    @Test
    void aStackDeclaredLevel2DrillCreatesOnlyTheFailedServicesTwins(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        Path stack = recoveryStackConfig(tmp, f); // declares a twin for every container of both services

        DrillReport r = run(f, recovery -> new StackDeclaredTarget(new LocalRecoveryTarget(recovery), stack),
                drill(f, tmp.resolve("r"), "level-2", true, "orders"));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertTrue(f.recovery.container(f.orders()).exists() && f.recovery.container(f.invoices()).exists());
        assertFalse(f.recovery.container(f.media()).exists(), "a declared twin of another service is not created at level 2");
    }

    @Test
    void aLocalLevel3DrillRestoresEveryService(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);

        DrillReport r = run(f, DrillRunner.targetsFor(f.config), drill(f, tmp.resolve("r"), "level-3", true));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(9, r.integrity().objectsRestored());
        assertTrue(f.recovery.container(f.orders()).exists() && f.recovery.container(f.invoices()).exists());
    }

    private static final List<ScriptedPulumi.Resource> PROGRAM = List.of(
            new ScriptedPulumi.Resource("azure-native:resources:ResourceGroup", "recovery-rg", Duration.ofMillis(4_200)),
            new ScriptedPulumi.Resource("azure-native:web:AppServicePlan", "recovery-app-plan", Duration.ofMillis(61_000)));

    private ScriptedPulumi standIn(Path tmp, DrillFixture f) throws Exception {
        Function<Map<String, String>, Map<String, Object>> outputs = config -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String prefix = config.get("drp:namePrefix");
            out.put(PulumiRecoveryTarget.OUT_ACCOUNT, prefix == null ? "drprecovery" : prefix + "datar");
            out.put(PulumiRecoveryTarget.OUT_ENDPOINT, "https://" + (prefix == null ? "drprecovery" : prefix + "datar") + ".blob.core.windows.net/");
            out.put(PulumiRecoveryTarget.OUT_CONTAINERS, f.containers());
            return out;
        };
        return new ScriptedPulumi(Files.createDirectories(tmp.resolve("pulumi-state")), clock, PROGRAM, outputs);
    }

    /** The recovery stack's config, declaring the fixture's containers, so the program's containers are the drill's. */
    private static Path recoveryStackConfig(Path tmp, DrillFixture f) throws Exception {
        return Files.writeString(tmp.resolve("Pulumi.recovery.yaml"), """
                config:
                  azure-native:location: francesouth
                  drp:region: francesouth
                  drp:pairedRegion: francecentral
                  drp:dataContainers: %s
                  drp:productionStack: organization/drp/production
                """.formatted(String.join(",", f.containers())));
    }

    private Function<StorageAccount, RecoveryTarget> pulumi(ScriptedPulumi cli, DrillFixture f, Path tmp) throws Exception {
        Path config = recoveryStackConfig(tmp, f);
        PulumiWorkspace ws = new PulumiWorkspace(cli, App::stack, clock);
        return recovery -> new PulumiRecoveryTarget(ws, new PulumiRecoveryTarget.Stack("recovery", PulumiRecoveryTarget.Mode.EPHEMERAL, config),
                recovery, LocalRecoveryTarget::new, endpoint -> recovery);
    }

    private static List<List<String>> ups(ScriptedPulumi cli) {
        return cli.calls.stream().filter(c -> c.get(0).equals("up")).toList();
    }

    private static List<String> targets(List<String> up) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < up.size() - 1; i++) if (up.get(i).equals("--target")) out.add(up.get(i + 1));
        return out;
    }

    @Test
    void aPulumiLevel2DrillUpdatesExactlyTheFailedServicesUrns(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f);
        RecoveryRequest req = drill(f, tmp.resolve("r"), "level-2", false, "media");

        DrillReport r = run(f, pulumi(cli, f, tmp), req);

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(1, ups(cli).size(), cli.calls.toString());
        String stack = DrillStacks.stackName("recovery", req.runId());
        assertEquals(ServiceResourcesTest.expected(stack, f.media()), targets(ups(cli).get(0)));
        assertEquals(String.join(" ", ServiceResourcesTest.expected(stack, f.media())), rebuild(r).details().get("targets"));
        assertEquals(3, r.integrity().objectsRestored());
    }

    @Test
    void aPulumiLevel3DrillUpdatesTheWholeStack(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f);

        DrillReport r = run(f, pulumi(cli, f, tmp), drill(f, tmp.resolve("r"), "level-3", false));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(1, ups(cli).size(), cli.calls.toString());
        assertEquals(List.of(), targets(ups(cli).get(0)), "no --target: every resource of the stack");
        assertEquals(9, r.integrity().objectsRestored());
    }

    @Test
    void aPulumiLevel1DrillUpdatesNothingAndLeavesTheStandingStackUp(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f);
        cli.run(List.of("stack", "init", "recovery"));
        cli.run(List.of("up", "--stack", "recovery")); // the standing stack, deployed earlier
        int before = cli.calls.size();

        DrillReport r = run(f, pulumi(cli, f, tmp), drill(f, tmp.resolve("r"), "level-1", false, "orders"));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        List<List<String>> during = cli.calls.subList(before, cli.calls.size());
        assertTrue(during.stream().noneMatch(c -> List.of("up", "destroy", "config").contains(c.get(0))), during.toString());
        assertTrue(during.stream().noneMatch(c -> c.size() > 1 && c.get(1).equals("init")), during.toString());
        assertEquals("nothing", rebuild(r).details().get("extent"));
        assertEquals("recovery", rebuild(r).details().get("stack"));
        assertTrue(cli.exists("recovery"), "the standing stack stays up");
        assertEquals(6, r.integrity().objectsRestored(), "orders' two containers");
    }

    @Test
    void aLevel2DryRunPreviewsOnlyTheFailedServicesUrnsAndLevel1PreviewsNothing(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f);
        RecoveryRequest req = drill(f, tmp.resolve("r"), "level-2", false, "media");

        new DrillRunner(f.config, f.session, f.workDir, clock, Progress.NONE, ReportJson::write, pulumi(cli, f, tmp)).dryRun(req);

        List<List<String>> previews = cli.calls.stream().filter(c -> c.get(0).equals("preview")).toList();
        assertEquals(1, previews.size(), cli.calls.toString());
        assertEquals(ServiceResourcesTest.expected(DrillStacks.stackName("recovery", req.runId()), f.media()), targets(previews.get(0)));

        int before = cli.calls.size();
        new DrillRunner(f.config, f.session, f.workDir, clock, Progress.NONE, ReportJson::write, pulumi(cli, f, tmp))
                .dryRun(drill(f, tmp.resolve("r1"), "level-1", false, "media"));
        assertTrue(cli.calls.subList(before, cli.calls.size()).stream().noneMatch(c -> c.get(0).equals("preview")),
                "a level-1 drill rebuilds nothing, so its dry run previews nothing");
    }
}
