package io.drp.recovery.rebuild;

import io.drp.backup.BackupJob;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.DrillOptions;
import io.drp.recovery.DryRun;
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
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Pulumi rebuild through the Automation API (LocalWorkspace, WorkspaceStack, the inline program), with the
 * Pulumi CLI under it replaced by {@link ScriptedPulumi}; the storage side is the real Azurite.
 * Not run for real: the Pulumi CLI and Azure.
 */
@ExtendWith(Azurite.class)
class PulumiRecoveryTargetIT {

    private static final List<ScriptedPulumi.Resource> PROGRAM = List.of(
            new ScriptedPulumi.Resource("azure-native:resources:ResourceGroup", "recovery-rg", Duration.ofMillis(4_200)),
            new ScriptedPulumi.Resource("azure-native:storage:StorageAccount", "recovery-data", Duration.ofMillis(41_700)),
            new ScriptedPulumi.Resource("azure-native:storage:BlobContainer", "recovery-data-orders", Duration.ofMillis(1_300)));

    private final SteppableClock clock = SteppableClock.startingNow();

    private static ScriptedPulumi standIn(Path tmp, DrillFixture f, String account) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("pulumi-state"));
        Function<Map<String, String>, Map<String, Object>> outputs = config -> {
            Map<String, Object> out = new LinkedHashMap<>();
            String prefix = config.get("drp:namePrefix");
            out.put(PulumiRecoveryTarget.OUT_ACCOUNT, account != null ? account : prefix == null ? "drprecovery" : prefix + "datar");
            out.put(PulumiRecoveryTarget.OUT_ENDPOINT, "https://" + (prefix == null ? "drprecovery" : prefix + "datar") + ".blob.core.windows.net/");
            out.put(PulumiRecoveryTarget.OUT_CONTAINERS, List.of(f.orders(), f.invoices(), f.media()));
            return out;
        };
        return new ScriptedPulumi(dir, new SteppableClock(Instant.EPOCH), PROGRAM, outputs);
    }

    private Path stackConfig(Path tmp) throws Exception {
        return Files.writeString(tmp.resolve("Pulumi.recovery.yaml"), """
                config:
                  azure-native:location: francesouth
                  drp:region: francesouth
                  drp:pairedRegion: francecentral
                  drp:dataContainers: orders,invoices,media
                  drp:productionStack: organization/drp/production
                """);
    }

    private Function<StorageAccount, RecoveryTarget> targets(ScriptedPulumi cli, PulumiRecoveryTarget.Mode mode, Path tmp) throws Exception {
        Path config = stackConfig(tmp);
        // the stand-in steps the drill's own clock, which is what drp stamps events with
        PulumiWorkspace ws = new PulumiWorkspace(cli.withClock(clock), App::stack, clock);
        return recovery -> new PulumiRecoveryTarget(ws, new PulumiRecoveryTarget.Stack("recovery", mode, config), recovery,
                LocalRecoveryTarget::new, endpoint -> recovery);
    }

    private DrillRunner runner(DrillFixture f, Function<StorageAccount, RecoveryTarget> targets) {
        return new DrillRunner(f.config, f.session, f.workDir, clock, Progress.NONE, ReportJson::write, targets);
    }

    private static StepRecord step(DrillReport r, String name) {
        return r.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static DrillFixture seeded(AzuriteEmulator azurite, Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        f.backup(BackupJob.Mode.FULL);
        return f;
    }

    private static boolean called(ScriptedPulumi cli, String... prefix) {
        return cli.calls.stream().anyMatch(c -> c.size() >= prefix.length && c.subList(0, prefix.length).equals(List.of(prefix)));
    }

    @Test
    void anEphemeralDrillCreatesUsesAndRemovesItsOwnStack(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, null);
        RecoveryRequest req = TestRequests.drill(null, null, "region-outage", false, tmp.resolve("r"), 4, true);
        String stack = DrillStacks.stackName("recovery", req.runId());

        DrillReport r = runner(f, targets(cli, PulumiRecoveryTarget.Mode.EPHEMERAL, tmp)).run(req);

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(stack, step(r, "rebuild").details().get("stack"));
        assertEquals("ephemeral", step(r, "rebuild").details().get("rebuild"));
        assertTrue(called(cli, "stack", "init", stack), cli.calls.toString());
        assertTrue(cli.calls.stream().anyMatch(c -> c.get(0).equals("config") && c.contains("drp:region=francesouth")
                && c.contains("drp:namePrefix=" + DrillStacks.namePrefix(req.runId())) && c.contains("drp:role=recovery")), cli.calls.toString());
        assertTrue(called(cli, "destroy"), cli.calls.toString());
        assertTrue(called(cli, "stack", "rm"), cli.calls.toString());
        assertEquals(StepStatus.SUCCEEDED, step(r, "teardown").status(), step(r, "teardown").message());
        assertFalse(cli.exists(stack), "the drill's stack is removed");
        assertFalse(cli.exists("recovery"), "the standing stack is never touched");
    }

    @Test
    void theReportCarriesPerResourceTimingsStampedOnReceipt(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, null);

        DrillReport r = runner(f, targets(cli, PulumiRecoveryTarget.Mode.EPHEMERAL, tmp))
                .run(TestRequests.drill(null, null, "region-outage", true, tmp.resolve("r"), 4, true));

        Map<String, Object> d = step(r, "rebuild").details();
        assertEquals("3", d.get("resourceOperations"));
        List<String> lines = List.of((String) d.get("resource001"), (String) d.get("resource002"), (String) d.get("resource003"));
        // the stand-in scripted 4.2 s, 41.7 s and 1.3 s; the engine's own timestamps would say 4, 42 (or 41) and 1 or 2
        assertTrue(lines.get(0).startsWith("create azure-native:resources:ResourceGroup recovery-rg ") && lines.get(0).endsWith(" 4.200s"), lines.get(0));
        assertTrue(lines.get(1).startsWith("create azure-native:storage:StorageAccount recovery-data ") && lines.get(1).endsWith(" 41.700s"), lines.get(1));
        assertTrue(lines.get(2).startsWith("create azure-native:storage:BlobContainer recovery-data-orders ") && lines.get(2).endsWith(" 1.300s"), lines.get(2));
        String[] first = lines.get(0).split(" ");
        assertEquals(Duration.ofMillis(4_200), Duration.between(Instant.parse(first[3]), Instant.parse(first[4])));
        String written = Files.readString(tmp.resolve("r").resolve(ReportJson.FILE_NAME));
        assertTrue(written.contains("41.700s"), "the JSON report holds the timings");
    }

    @Test
    void aFailedResourceAbortsTheDrillNamingItWithTheProvidersMessage(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, null).failing("recovery-data",
                "storage.AccountsClient#Create: StorageAccountAlreadyTaken: The storage account named drx is already taken.");
        RecoveryRequest req = TestRequests.drill(null, null, "region-outage", false, tmp.resolve("r"), 4, true);

        DrillReport r = runner(f, targets(cli, PulumiRecoveryTarget.Mode.EPHEMERAL, tmp)).run(req);

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().contains("azure-native:storage:StorageAccount recovery-data failed to create: "
                + "storage.AccountsClient#Create: StorageAccountAlreadyTaken"), r.verdictReason());
        String stack = DrillStacks.stackName("recovery", req.runId());
        assertTrue(r.verdictReason().contains("stack " + stack + " is left as it is"), r.verdictReason());
        assertTrue(cli.exists(stack));
        // the aborted rebuild step keeps the operations timed up to the failure, so the timeline and JUnit XML show them
        var failed = io.drp.model.ResourceOperation.of(step(r, "rebuild")).stream().filter(io.drp.model.ResourceOperation::failed).toList();
        assertEquals(List.of("recovery-data"), failed.stream().map(io.drp.model.ResourceOperation::name).toList());
        String junit = io.drp.report.JunitReportRenderer.render(r);
        assertTrue(junit.contains("type=\"ResourceFailed\" message=\"azure-native:storage:StorageAccount recovery-data failed to create: "), junit);
        assertFalse(step(r, "rebuild").details().toString().contains("StorageAccountAlreadyTaken"),
                "the provider's message is only in the step's message, which is redacted");
    }

    @Test
    void aDestroyThatLeavesAResourceBehindIsAFindingNamingTheStack(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, null).leavingBehind("recovery-data");
        RecoveryRequest req = TestRequests.drill(null, null, "region-outage", false, tmp.resolve("r"), 4, true);
        String stack = DrillStacks.stackName("recovery", req.runId());

        DrillReport r = runner(f, targets(cli, PulumiRecoveryTarget.Mode.EPHEMERAL, tmp)).run(req);

        Finding finding = r.findings().stream().filter(x -> x.code().equals("TEARDOWN_INCOMPLETE")).findFirst().orElseThrow();
        assertTrue(finding.message().contains("deleted 2 of 3 resources; 1 remain"), finding.message());
        assertEquals("run: pulumi destroy --stack " + stack + " --yes && pulumi stack rm " + stack + " --yes", finding.fix());
        assertTrue(r.verdictReason().contains("teardown incomplete"), r.verdictReason());
        assertEquals(StepStatus.ABORTED, step(r, "teardown").status(), "a teardown that cannot finish is recorded on its step");
        assertEquals(stack, step(r, "rebuild").details().get("stack"));
        assertEquals(List.of("recovery-data"), cli.resources(stack));
        assertTrue(Files.readString(tmp.resolve("r").resolve(ReportJson.FILE_NAME)).contains("TEARDOWN_INCOMPLETE"));
    }

    @Test
    void keepLeavesTheStackUpAndResumeReusesIt(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, null);
        String id = "keep-" + f.prefix;
        String stack = DrillStacks.stackName("recovery", id);

        DrillReport kept = runner(f, targets(cli, PulumiRecoveryTarget.Mode.EPHEMERAL, tmp))
                .run(TestRequests.drill(id, null, "region-outage", true, tmp.resolve("r"), 4, true));
        assertEquals(StepStatus.SKIPPED, step(kept, "teardown").status());
        assertTrue(step(kept, "teardown").message().contains("drill stack " + stack + " left up"), step(kept, "teardown").message());
        assertTrue(cli.exists(stack));

        // an aborted run of another drill leaves its stack; --resume of that drill selects it rather than creating another
        String abortedId = "resume-" + f.prefix;
        String abortedStack = DrillStacks.stackName("recovery", abortedId);
        ScriptedPulumi failing = standIn(tmp, f, null).failing("recovery-data-orders", "quota exceeded in region francesouth");
        DrillReport first = runner(f, targets(failing, PulumiRecoveryTarget.Mode.EPHEMERAL, tmp))
                .run(TestRequests.drill(abortedId, null, "region-outage", false, tmp.resolve("r2"), 4, true));
        assertEquals(Verdict.ABORTED, first.verdict());
        ScriptedPulumi healthy = standIn(tmp, f, null);
        RecoveryRequest resume = new RequestResolver(f.config, clock, f.workDir)
                .drill(new DrillOptions(null, null, false, tmp.resolve("r2"), 4, VerifyMode.FULL, abortedId));
        DrillReport resumed = runner(f, targets(healthy, PulumiRecoveryTarget.Mode.EPHEMERAL, tmp)).run(resume);

        assertEquals(Verdict.PASSED, resumed.verdict(), resumed.verdictReason());
        assertTrue(called(healthy, "stack", "select", "--stack", abortedStack), healthy.calls.toString());
        assertFalse(called(healthy, "stack", "init"), healthy.calls.toString());
        assertFalse(healthy.exists(abortedStack), "the resumed drill tears its stack down");
    }

    @Test
    void aDryRunListsWhatThePreviewWouldCreate(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, null);
        RecoveryRequest req = TestRequests.drill("dry-" + f.prefix, null, "region-outage", false, tmp.resolve("r"), 4, true);

        DryRun d = runner(f, targets(cli, PulumiRecoveryTarget.Mode.EPHEMERAL, tmp)).dryRun(req);

        assertNotNull(d.rebuild());
        assertEquals(List.of("create azure-native:resources:ResourceGroup recovery-rg", "create azure-native:storage:StorageAccount recovery-data",
                "create azure-native:storage:BlobContainer recovery-data-orders"), d.rebuild().operations());
        assertTrue(called(cli, "preview"), cli.calls.toString());
        assertFalse(cli.exists(d.rebuild().stack()), "the preview's empty stack is removed");
        assertFalse(called(cli, "up"), "a dry run deploys nothing");
    }

    @Test
    void aStandingStackThatBuiltAnotherAccountAbortsTheDrill(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, "contosorecovery");
        cli.run(List.of("stack", "init", "recovery"));

        DrillReport r = runner(f, targets(cli, PulumiRecoveryTarget.Mode.STANDING, tmp))
                .run(TestRequests.drill(null, null, "region-outage", false, tmp.resolve("r"), 4, true));

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().contains("declares recovery account contosorecovery but drp.yaml points at drprecovery"), r.verdictReason());
    }

    @Test
    void aStandingDrillUpdatesTheRecoveryStackAndLeavesItUp(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, null);
        cli.run(List.of("stack", "init", "recovery"));

        DrillReport r = runner(f, targets(cli, PulumiRecoveryTarget.Mode.STANDING, tmp))
                .run(TestRequests.drill(null, null, "region-outage", false, tmp.resolve("r"), 4, true));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals("recovery", step(r, "rebuild").details().get("stack"));
        assertTrue(r.evidence().recoveryTarget().startsWith("pulumi stack recovery"));
        assertFalse(called(cli, "destroy"));
        assertTrue(cli.exists("recovery"));
    }

    @Test
    void aMissingStandingStackAbortsWithWhatToDo(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        ScriptedPulumi cli = standIn(tmp, f, null);

        DrillReport r = runner(f, targets(cli, PulumiRecoveryTarget.Mode.STANDING, tmp))
                .run(TestRequests.drill(null, null, "region-outage", false, tmp.resolve("r"), 4, true));

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().contains("stack recovery does not exist; create it with 'pulumi stack init recovery'"), r.verdictReason());
    }
}
