package io.drp.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plans: section: what it parses into, and each unrunnable plan refused with file:line and exit 2. */
class PlanConfigTest {

    private static final String BASE = """
            version: 1
            backup:
              container: drp-backups
            services:
              orders:
                containers: [orders]
                objectives:
                  region-outage: { rto: 1h, rpo: 1h }
              media:
                containers: [media]
                objectives:
                  region-outage: { rto: 2h, rpo: 4h }
            plans:
              outage:
                scenarios: [region-outage]
                groups:
            """;

    private static final String VALID = BASE + """
                  - name: orders
                    services: [orders]
                    rto: 20m
                    after:
                      - name: start-app
                        run: [bin/start.sh, --port, "8080"]
                        timeout: 2m
                        retries: 2
                        env: { DB_PASSWORD: "${env:ORDERS_DB_PASSWORD}", MODE: recovery }
                      - name: orders-answer
                        http: http://localhost:8080/orders/count
                        jsonPointer: /count
                        equals: "42"
                        when: always
                      - name: dns
                        manual: switch the DNS record
                        drill: auto
                        timeout: 10m
                  - name: media
                    services: [media]
                    after:
                      - wait: 30s
                        when: restore
            """;

    private static DrpConfig parse(String yaml) {
        return new ConfigLoader(Map.of("ORDERS_DB_PASSWORD", "s3cret-value")::get).parse("/srv/drp/drp.yaml", Path.of("/srv/drp/drp.yaml"), yaml,
                "0".repeat(64));
    }

    private static ConfigException refused(String groups) {
        return assertThrows(ConfigException.class, () -> parse(BASE + groups.indent(2)));
    }

    @Test
    void aPlanParsesIntoOrderedGroupsAndTypedActions() {
        DrpConfig c = parse(VALID);
        RecoveryPlan p = c.planFor("region-outage");
        assertEquals("outage", p.name());
        assertEquals(List.of("orders", "media"), p.groups().stream().map(PlanGroup::name).toList());
        PlanAction run = p.groups().get(0).after().get(0);
        assertEquals(PlanAction.Kind.RUN, run.kind());
        // a relative command is the config file's, so the plan works from any working directory
        assertEquals(List.of("/srv/drp/bin/start.sh", "--port", "8080"), run.argv());
        assertEquals(Path.of("/srv/drp"), run.workingDir());
        assertEquals(2, run.retries());
        assertEquals("s3cret-value", run.secretEnv().get("DB_PASSWORD").reveal());
        assertEquals(Map.of("MODE", "recovery"), run.env());
        PlanAction http = p.groups().get(0).after().get(1);
        assertEquals("/count", http.jsonPointer());
        assertEquals(Duration.ofMinutes(5), http.timeout());
        assertTrue(p.groups().get(0).after().get(2).drillAuto());
        assertEquals(PlanAction.When.RESTORE, p.groups().get(1).after().get(0).when());
        assertEquals("media.after.1", p.groups().get(1).after().get(0).name());
        assertEquals(Duration.ofMinutes(20), p.groups().get(0).rto());
    }

    @Test
    void aConfigGivenItsBackupKeysKeepsItsPlan() {
        // the embedded emulator and the demo hand every run a copy of the config with their signing keys in it
        DrpConfig c = parse(VALID);
        DrpConfig keyed = c.withBackup(c.backup());
        assertEquals("outage", keyed.planFor("region-outage").name());
        assertEquals(c.plans(), keyed.plans());
    }

    @Test
    void aScenarioNoPlanNamesRunsTheBuiltInDataOnlyPlan() {
        RecoveryPlan p = parse(VALID).planFor("level-1");
        assertEquals(RecoveryPlan.DEFAULT, p.name());
        assertTrue(p.dataOnly());
    }

    @Test
    void anUnknownActionKindIsOneLineWithItsLine() {
        ConfigException e = refused("""
                  - name: orders
                    services: [orders]
                    after:
                      - exec: [true]
                """);
        assertEquals(20, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("'exec' is not an action kind; use run, shell, http, wait or manual"), e.getMessage());
    }

    @Test
    void aGroupNamingAnUnknownServiceIsRefused() {
        ConfigException e = refused("""
                  - name: billing
                    services: [billing]
                """);
        assertEquals(18, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("no service is named 'billing'"), e.getMessage());
    }

    @Test
    void aServiceInTwoGroupsIsRefused() {
        ConfigException e = refused("""
                  - name: first
                    services: [orders]
                  - name: second
                    services: [media, orders]
                """);
        assertEquals(20, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("service orders is already in group first"), e.getMessage());
    }

    @Test
    void aTimeoutAboveTheScenariosRtoIsRefused() {
        ConfigException e = refused("""
                  - name: orders
                    services: [orders]
                    after:
                      - http: http://localhost:8080/health
                        timeout: 90m
                """);
        assertEquals(20, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("timeout 1h30m is longer than the RTO this group is judged against (1h)"), e.getMessage());
    }

    @Test
    void aFieldOfAnotherKindIsRefusedRatherThanIgnored() {
        ConfigException e = refused("""
                  - name: orders
                    services: [orders]
                    after:
                      - run: [true]
                        status: 200
                """);
        assertTrue(e.getMessage().contains("status: does not apply to a run action"), e.getMessage());
    }

    @Test
    void theSchemaAcceptsAPlanAndRejectsAnUnknownActionKind() throws Exception {
        assertEquals(java.util.Set.of(), ConfigSchema.validate(VALID));
        assertTrue(!ConfigSchema.validate(VALID.replace("run: [bin/start.sh", "exec: [bin/start.sh")).isEmpty(), "unknown action kind");
        assertTrue(!ConfigSchema.validate(VALID.replace("drill: auto", "drill: yes")).isEmpty(), "drill: only auto");
    }
}
