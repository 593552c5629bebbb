package io.drp.recovery;

import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.failure.UsageFailure;
import io.drp.model.RunRecord;
import io.drp.model.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestResolverTest {

    private static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");

    @TempDir
    Path work;
    private RequestResolver resolver;
    private RestoreResolver restores;

    @BeforeEach
    void setUp() {
        DrpConfig cfg = new ConfigLoader(k -> null).parse("drp.yaml", Path.of("drp.yaml"), """
                version: 1
                backup: { container: backups, fullEvery: 24h, incrementalEvery: 1h }
                services:
                  orders:
                    containers: [orders]
                    objectives: { region-outage: { rto: 4h, rpo: 1h }, app-failure: { rto: 30m, rpo: 1h } }
                drill: { scenario: app-failure, parallelism: 6, reportDir: out, verify: metadata }
                """, "0".repeat(64));
        resolver = new RequestResolver(cfg, Clock.fixed(NOW, ZoneOffset.UTC), work);
        restores = new RestoreResolver(cfg, Clock.fixed(NOW, ZoneOffset.UTC), work);
    }

    @Test
    void drpYamlDefaultsApplyAndTheDisasterIsNowOnTheInjectedClock() {
        RecoveryRequest r = resolver.drill(DrillOptions.defaults());

        assertEquals(NOW, r.disasterAt());
        assertEquals("app-failure", r.scenario());
        assertEquals(6, r.parallelism());
        assertEquals(VerifyMode.METADATA, r.verify());
        assertEquals(Path.of("out"), r.reportDir());
        assertEquals(TeardownPolicy.AFTER_COMPLETION, r.teardown());
        assertTrue(r.runId().matches("d20261124-030000-[0-9a-f]{4}"), r.runId());
    }

    @Test
    void commandLineValuesWinOverDrpYaml() {
        Instant t0 = NOW.minusSeconds(3600);
        RecoveryRequest r = resolver.drill(new DrillOptions(t0, "region-outage", true, Path.of("elsewhere"), 32, VerifyMode.FULL, null));

        assertEquals(t0, r.disasterAt());
        assertEquals("region-outage", r.scenario());
        assertEquals(32, r.parallelism());
        assertEquals(VerifyMode.FULL, r.verify());
        assertEquals(TeardownPolicy.KEEP, r.teardown());
    }

    @Test
    void aDisasterInTheFutureIsBadUsage() {
        UsageFailure e = assertThrows(UsageFailure.class, () -> resolver.drill(DrillOptions.defaults().at(NOW.plusSeconds(1))));
        assertTrue(e.getMessage().contains("in the future"), e.getMessage());
    }

    @Test
    void parallelismOutsideItsRangeAndUndeclaredScenariosAreBadUsage() {
        assertThrows(UsageFailure.class, () -> resolver.drill(new DrillOptions(null, null, false, null, 0, null, null)));
        assertThrows(UsageFailure.class, () -> resolver.drill(new DrillOptions(null, null, false, null, 257, null, null)));
        UsageFailure e = assertThrows(UsageFailure.class, () -> resolver.drill(new DrillOptions(null, "flood", false, null, null, null, null)));
        assertTrue(e.getMessage().contains("[region-outage, app-failure]") || e.getMessage().contains("declared"), e.getMessage());
    }

    @Test
    void onlyAnAbortedOrKilledDrillCanBeResumed() throws Exception {
        Instant t0 = NOW.minusSeconds(900);
        new ResumeRecord("d-passed", t0, "region-outage", List.of(new RunRecord(1, t0, t0.plusSeconds(60), Verdict.ABORTED, null),
                new RunRecord(2, t0.plusSeconds(120), t0.plusSeconds(180), Verdict.PASSED, null))).save(work);
        new ResumeRecord("d-failed", t0, "region-outage", List.of(new RunRecord(1, t0, t0.plusSeconds(60), Verdict.FAILED, null))).save(work);
        // saved before the first write, never updated: the run was killed
        new ResumeRecord("d-killed", t0, "region-outage", List.of()).save(work);

        UsageFailure passed = assertThrows(UsageFailure.class, () -> resolver.drill(new DrillOptions(null, null, false, null, null, null, "d-passed")));
        assertTrue(passed.getMessage().contains("drill d-passed finished (PASSED at " + t0.plusSeconds(180) + "); only an aborted run can be resumed"),
                passed.getMessage());
        assertThrows(UsageFailure.class, () -> resolver.drill(new DrillOptions(null, null, false, null, null, null, "d-failed")));
        assertTrue(resolver.drill(new DrillOptions(null, null, false, null, null, null, "d-killed")).resume());
    }

    @Test
    void resumingTakesTheFirstRunsDisasterInstantAndScenario() throws Exception {
        Instant firstT0 = NOW.minusSeconds(900);
        new ResumeRecord("d-first", firstT0, "region-outage", List.of(new RunRecord(1, firstT0, firstT0.plusSeconds(60), Verdict.ABORTED, null)))
                .save(work);

        RecoveryRequest r = resolver.drill(new DrillOptions(null, null, false, null, null, null, "d-first"));

        assertEquals("d-first", r.runId());
        assertEquals(firstT0, r.disasterAt());
        assertEquals("region-outage", r.scenario());
        assertTrue(r.resume());
        assertEquals(1, r.previousRuns().size());
        assertThrows(UsageFailure.class, () -> resolver.drill(new DrillOptions(NOW, null, false, null, null, null, "d-first")));
        assertThrows(UsageFailure.class, () -> resolver.drill(new DrillOptions(null, null, false, null, null, null, "nope")));
    }

    @Test
    void copyModeDefaultsToAutoAndAnAskedModeReachesTheRequest() {
        assertEquals(CopyMode.AUTO, resolver.drill(DrillOptions.defaults()).copyMode());
        DrillOptions server = new DrillOptions(null, null, false, null, null, null, null, null, CopyMode.SERVER);
        assertEquals(CopyMode.SERVER, resolver.drill(server).copyMode());
        assertEquals(CopyMode.SERVER, resolver.drill(server.at(NOW.minusSeconds(60))).copyMode(), "at() keeps the mode");
        assertEquals(CopyMode.AUTO, restores.resolve(RestoreOptions.defaults()).copyMode());
        assertEquals(CopyMode.STREAM, restores.resolve(new RestoreOptions(null, null, null, null, null, null, null, null, false, null, null,
                null, null, null, null, CopyMode.STREAM)).copyMode());
        UsageFailure f = assertThrows(UsageFailure.class, () -> restores.resolve(new RestoreOptions(null, null, null, null, null, null,
                null, null, true, null, null, null, null, null, null, CopyMode.SERVER)));
        assertTrue(f.getMessage().startsWith("--copy-mode server cannot go with --overwrite"), f.getMessage());
    }
}
