package io.drp.recovery;

import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.failure.UsageFailure;
import io.drp.model.RunRecord;
import io.drp.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which services a drill is scoped to: level 2 is the failed service, named or the only one; level 3 is every service. */
class DrillScopeTest {

    private static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");

    @TempDir
    Path work;

    private RequestResolver resolver(String services) {
        DrpConfig cfg = new ConfigLoader(k -> null).parse("drp.yaml", Path.of("drp.yaml"), """
                version: 1
                backup: { container: backups, fullEvery: 24h, incrementalEvery: 1h }
                services:
                %s
                """.formatted(services), "0".repeat(64));
        return new RequestResolver(cfg, Clock.fixed(NOW, ZoneOffset.UTC), work);
    }

    private static final String TWO = """
              orders: { containers: [orders, invoices] }
              media: { containers: [media] }
            """;

    private static DrillOptions drill(String scenario, String... services) {
        return new DrillOptions(null, scenario, false, null, null, null, null, List.of(services), null);
    }

    @Test
    void aLevel2DrillIsScopedToTheNamedServicesContainers() {
        RecoveryRequest r = resolver(TWO).drill(drill("level-2", "orders"));

        assertEquals(Set.of("orders", "invoices"), r.scope().containers());
        assertTrue(r.scope().includesContainer("invoices"));
        assertEquals(false, r.scope().includesContainer("media"));
    }

    @Test
    void aLevel2DrillWithoutAServiceIsRefusedNamingTheDeclaredOnes() {
        UsageFailure e = assertThrows(UsageFailure.class, () -> resolver(TWO).drill(drill("level-2")));

        assertEquals("a level-2 drill rebuilds the failed service only: name it with --service (declared: [orders, media])", e.getMessage());
    }

    @Test
    void aSingleDeclaredServiceIsTheLevel2Default() {
        RecoveryRequest r = resolver("  orders: { containers: [orders] }\n").drill(drill("level-2"));

        assertEquals(Set.of("orders"), r.scope().containers());
    }

    @Test
    void level3IsEveryServiceAndRefusesAServiceFilter() {
        assertTrue(resolver(TWO).drill(drill("level-3")).scope().isEverything());
        UsageFailure e = assertThrows(UsageFailure.class, () -> resolver(TWO).drill(drill("level-3", "media")));
        assertTrue(e.getMessage().startsWith("--service: a level-3 drill rebuilds and restores every service"), e.getMessage());
        assertThrows(UsageFailure.class, () -> resolver(TWO).drill(drill("level-2", "billing")), "an undeclared service");
    }

    @Test
    void aResumedLevel2DrillKeepsItsScope() throws Exception {
        RequestResolver resolver = resolver(TWO);
        RecoveryRequest first = resolver.drill(drill("level-2", "media"));
        ResumeRecord.of(first, List.of(new RunRecord(1, NOW, NOW.plusSeconds(5), Verdict.ABORTED, null))).save(work);

        RecoveryRequest resumed = resolver.drill(new DrillOptions(null, null, false, null, null, null, first.runId()));

        assertEquals(Set.of("media"), resumed.scope().containers());
        assertEquals("level-2", resumed.scenario());
        assertThrows(UsageFailure.class, () -> resolver.drill(new DrillOptions(null, null, false, null, null, null, first.runId(),
                List.of("orders"), null)));
    }
}
