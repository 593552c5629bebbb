package io.drp.cli;

import io.drp.config.WatchConfig;
import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerRecord;
import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.SteppableClock;
import io.drp.watch.ProbeResult;
import io.drp.watch.StateStore;
import io.drp.watch.StorageProbe;
import io.drp.watch.TransitionNotifier;
import io.drp.watch.WatchState;
import io.drp.watch.Watcher;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** drp status and drp watch end to end: on the demo's data, and against an Azurite that is killed. */
class OperationsIT {

    @Test
    void statusOnFreshDemoDataIsHealthyAndWatchRestoresOnceOnlyWithAuto(@TempDir Path tmp) throws Exception {
        // given the demo's production, backups and passed drill
        Path work = tmp.resolve("work");
        Path ledger = tmp.resolve("ledger");
        CliTest.Run demo = CliTest.drp("demo", "--work-dir", work.toString(), "--report-dir", tmp.resolve("demo").toString(),
                "--ledger", ledger.toString(), "--gap", "2s");
        assertTrue(demo.code() == 0 || demo.code() == 1, demo.out() + demo.err());
        DrillReport drill = ReportJson.read(tmp.resolve("demo").resolve(ReportJson.FILE_NAME));
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort(); // closed again: nothing answers there
        }
        Path cfg = Files.writeString(work.resolve("ops.yaml"), Files.readString(work.resolve("drp.yaml"))
                .replace("drill:\n", "ledger: { dir: '" + ledger + "' }\nwatch:\n  interval: 1s\n  tolerance: 1s\n  timeout: 1s\n  response: restore\n"
                        + "  probes:\n    infrastructure: false\n    functional: [{ name: api, url: 'http://127.0.0.1:" + dead + "/health' }]\n"
                        + "drill:\n  reportDir: '" + tmp.resolve("reports") + "'\n"));

        // when asking for the status, then recovery is possible: fresh point, intact chain, the drill just recorded
        CliTest.Run status = CliTest.drp("status", "-c", cfg.toString(), "--work-dir", work.toString(), "--format", "openmetrics");
        boolean drillPassed = drill.verdict() == io.drp.model.Verdict.PASSED;
        assertEquals(drillPassed ? 0 : 1, status.code(), status.out() + status.err());
        assertTrue(status.out().contains("drp_recovery_point_age_seconds{service=\"orders\"} "), status.out());
        assertTrue(status.out().contains("drp_last_drill_passed " + (drillPassed ? 1 : 0)), status.out());
        assertTrue(status.out().endsWith("# EOF\n"));
        CliTest.Run json = CliTest.drp("status", "-c", cfg.toString(), "--work-dir", work.toString(), "--format", "json");
        assertEquals(drill.measured().recoveryPoint(), ReportJson.mapper().readTree(json.out()).at("/backups/newestPoint").asText(), json.out());

        // given a cron round already saw the API fail, just after the last backup
        Instant firstFailure = drill.measured().recoveryPointWatermark().plusMillis(1);
        new StateStore(work).save(new WatchState(WatchState.Phase.SUSPECTED, firstFailure, Set.of(ProbeResult.Kind.FUNCTIONAL), null,
                "i-test", false, firstFailure, List.of("api: down"), Set.of("api")));

        // when the next round runs without --auto: declared, the command printed, nothing run
        CliTest.Run told = CliTest.drp("watch", "-c", cfg.toString(), "--work-dir", work.toString(), "--once");
        assertEquals(1, told.code(), told.out() + told.err());
        assertTrue(told.out().contains("INCIDENT i-test declared, level 1"), told.out());
        assertTrue(told.out().contains("to recover, run: drp restore -c " + cfg + " --work-dir " + work + " --target production --at " + firstFailure),
                told.out());
        assertFalse(Files.exists(tmp.resolve("reports").resolve("restore-report.json")), "no response without --auto");

        // when the next round runs with --auto: the restore runs, into the recovery account, from the first failure
        CliTest.Run auto = CliTest.drp("watch", "-c", cfg.toString(), "--work-dir", work.toString(), "--once", "--auto");
        assertEquals(1, auto.code(), auto.out() + auto.err());
        assertTrue(auto.out().contains("responding: drp restore"), auto.out());
        DrillReport restore = ReportJson.read(tmp.resolve("reports").resolve("restore-report.json"));
        assertEquals("recovery", restore.restore().destination());
        assertEquals(firstFailure, restore.restore().incidentStart());
        assertEquals(1, restore.objectives().incidentLevel());

        // and a third round does not restore again
        CliTest.Run again = CliTest.drp("watch", "-c", cfg.toString(), "--work-dir", work.toString(), "--once", "--auto");
        assertEquals(1, again.code(), again.out() + again.err());
        assertFalse(again.out().contains("responding:"), again.out());
        List<LedgerRecord> records = new DrillLedger(ledger, Optional.empty()).read().records();
        assertEquals(1, records.stream().filter(r -> r.kind().equals("restore")).count());
    }

    @Test
    void azuriteKilledIsAnInfrastructureOutageDeclaredAsLevelTwo(@TempDir Path tmp) {
        SteppableClock clock = SteppableClock.startingNow();
        StringWriter console = new StringWriter();
        WatchConfig w = WatchConfig.defaults();
        AzuriteEmulator azurite = AzuriteEmulator.start(tmp.resolve("azurite"));
        try (StorageSession session = StorageSession.ofEmulator(azurite, new StorageConnector(new RequestRetryOptions(RetryPolicyType.FIXED, 1,
                Duration.ofSeconds(2), Duration.ofMillis(1), Duration.ofMillis(1), null)))) {
            var prod = session.connector().openReadOnly("production", session.accounts().production());
            Watcher watcher = new Watcher(w, List.of(new StorageProbe("production-storage", prod.client(), Duration.ofSeconds(2))),
                    new StateStore(tmp), new TransitionNotifier(List.of()), plan -> {
                        throw new AssertionError("notify only: nothing may run");
                    }, true, Path.of("drp.yaml"), tmp, clock, new PrintWriter(console, true));
            assertEquals(WatchState.Phase.UP, watcher.round().state().phase(), console.toString());

            // when the emulator dies
            azurite.close();
            Watcher.RoundOutcome first = watcher.round();
            assertFalse(first.results().get(0).ok());
            clock.step(Duration.ofMinutes(10));
            Watcher.RoundOutcome declared = watcher.round();

            // then: an infrastructure outage, declared as level 2, the recovery command printed, nothing run
            assertEquals(WatchState.Phase.DECLARED, declared.state().phase());
            assertEquals(2, declared.state().level());
            assertTrue(declared.plan().args().containsAll(List.of("--target", "recovery", "--scenario", "level-2")), declared.plan().args().toString());
            assertFalse(declared.plan().automatic());
        } finally {
            azurite.close();
        }
    }
}
