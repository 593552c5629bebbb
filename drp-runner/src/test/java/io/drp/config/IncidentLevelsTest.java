package io.drp.config;

import io.drp.model.DrillReport;
import io.drp.model.Measured;
import io.drp.model.Objectives;
import io.drp.model.Verdict;
import io.drp.recovery.ObjectiveEvaluator;
import io.drp.report.ReportJson;
import io.drp.report.ReportSchemaTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan's incident levels as built-in scenarios: defaults, per-service overrides, strict parsing, reports. */
class IncidentLevelsTest {

    private static final String BASE = """
            version: 1
            backup:
              container: drp-backups
              fullEvery: 24h
              incrementalEvery: 15m
            services:
              orders:
                containers: [orders]
            %s
              media:
                containers: [media]
                objectives:
                  region-outage: { rto: 2h, rpo: 1h }
            """;

    private static DrpConfig parse(String objectivesOfOrders) {
        return ConfigLoader.withoutSecrets(k -> null).parse("drp.yaml", Path.of("drp.yaml"), BASE.formatted(objectivesOfOrders), "0".repeat(64));
    }

    private static ScenarioObjectives of(DrpConfig c, String service, String scenario) {
        return c.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().objectives().get(scenario);
    }

    @Test
    void aServiceWithoutObjectivesGetsThePlansThreeLevels() {
        // given a service that declares no objectives at all
        DrpConfig c = parse("");

        // then it is judged on the plan's figures: 30 min, 45 min, the SLA's 4 h; RPO = the 15 min backup interval; no loss
        ScenarioObjectives l1 = of(c, "orders", "level-1"), l2 = of(c, "orders", "level-2"), l3 = of(c, "orders", "level-3");
        assertEquals(Duration.ofMinutes(30), l1.rto());
        assertEquals(Duration.ofMinutes(45), l2.rto());
        assertEquals(Duration.ofHours(4), l3.rto());
        for (ScenarioObjectives o : List.of(l1, l2, l3)) {
            assertEquals(Duration.ofMinutes(15), o.rpo(), o.scenario());
            assertEquals(0, o.maxLostObjects(), o.scenario());
            assertEquals(0, o.line(), "not in the file");
        }
        assertEquals(List.of("level-1", "level-2", "level-3", "region-outage"), c.scenarios());
        assertTrue(c.warnings().isEmpty(), "defaults never warn: " + c.warnings());
    }

    @Test
    void anOverrideReplacesOnlyTheFieldsItNames() {
        DrpConfig c = parse("""
                    objectives:
                      level-2: { rto: 40m }
                      level-3: { maxLostObjects: 2, rpo: 1h }
                """);

        assertEquals(Duration.ofMinutes(40), of(c, "orders", "level-2").rto());
        assertEquals(Duration.ofMinutes(15), of(c, "orders", "level-2").rpo(), "still the backup interval");
        assertEquals(Duration.ofHours(4), of(c, "orders", "level-3").rto(), "still the SLA's restore time");
        assertEquals(Duration.ofHours(1), of(c, "orders", "level-3").rpo());
        assertEquals(2, of(c, "orders", "level-3").maxLostObjects());
        assertEquals(11, of(c, "orders", "level-3").line());
        assertEquals(Duration.ofMinutes(45), of(c, "media", "level-2").rto(), "another service keeps the default");
    }

    @Test
    void aLevelOverrideIsParsedAsStrictlyAsAnyObjective() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> parse("""
                    objectives:
                      level-1: { rto: 20m, rpo_minutes: 5 }
                """));
        assertEquals(10, unknown.line());
        assertEquals("services.orders.objectives.level-1.rpo_minutes", unknown.field());
        ConfigException zero = assertThrows(ConfigException.class, () -> parse("""
                    objectives:
                      level-1: { rto: 0m }
                """));
        assertEquals("services.orders.objectives.level-1.rto", zero.field());
        assertTrue(zero.getMessage().startsWith("drp.yaml:10: services.orders.objectives.level-1.rto: "), zero.getMessage());
    }

    @Test
    void aCustomScenarioStillNeedsItsRpo() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                    objectives:
                      app-failure: { rto: 20m }
                """));
        assertEquals("services.orders.objectives.app-failure.rpo", e.field());
        assertTrue(e.getMessage().contains("is required"), e.getMessage());
    }

    @Test
    void aLevelIsAValidDrillScenarioAndTheDefaultWithoutCustomOnes() {
        String onlyLevels = """
                version: 1
                backup: { container: drp-backups }
                services:
                  orders: { containers: [orders] }
                drill: { scenario: level-2 }
                """;
        DrpConfig c = ConfigLoader.withoutSecrets(k -> null).parse("drp.yaml", Path.of("drp.yaml"), onlyLevels, "0".repeat(64));
        assertEquals("level-2", c.defaultScenario());
        DrpConfig noDrill = ConfigLoader.withoutSecrets(k -> null).parse("drp.yaml", Path.of("drp.yaml"),
                onlyLevels.replace("drill: { scenario: level-2 }\n", ""), "0".repeat(64));
        assertEquals("level-3", noDrill.defaultScenario());
        assertEquals("region-outage", parse("").defaultScenario(), "a declared custom scenario stays the default, as before levels existed");
    }

    @Test
    void theReportNamesTheLevelAndItsDescriptionAndStaysValid() throws Exception {
        DrpConfig c = parse("");
        Objectives l2 = ObjectiveEvaluator.headline(c.services(), "level-2");
        assertEquals(2, l2.incidentLevel());
        assertEquals("virtual machine failure; 30-45 min", l2.scenarioDescription());
        assertEquals(2700.0, l2.rtoSeconds());
        assertEquals(900.0, l2.rpoSeconds());
        Objectives custom = ObjectiveEvaluator.headline(c.services(), "region-outage");
        assertNull(custom.incidentLevel());
        assertNull(custom.scenarioDescription());

        Instant t0 = Instant.parse("2026-11-24T03:00:00Z");
        DrillReport r = new DrillReport(DrillReport.SCHEMA_VERSION, null, "d1", Verdict.ABORTED, "x", t0, t0.plusSeconds(5), l2,
                new Measured(t0, null, null, null, null, null), List.of(), List.of(), null,
                null, List.of(), List.of(), 0, null);
        String json = ReportJson.toJson(r);
        assertTrue(json.contains("\"incidentLevel\" : 2"), json);
        assertTrue(json.contains("\"scenarioDescription\" : \"virtual machine failure; 30-45 min\""), json);
        assertEquals(Set.of(), ReportSchemaTest.validate(json).stream().filter(m -> m.getInstanceLocation().toString().contains("objectives"))
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(l2, ReportJson.mapper().readValue(json, DrillReport.class).objectives(), "reads back");
    }
}
