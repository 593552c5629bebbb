package io.drp.assess;

import com.pulumi.test.PulumiTest;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.model.Finding;
import io.drp.stacks.inspect.DeclaredResource;
import io.drp.stacks.inspect.DeclaredStack;
import io.drp.stacks.inspect.StackInspector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each readiness rule against stacks evaluated on Pulumi's mock engine (then altered where the program cannot produce the fault). */
class ReadinessAssessmentTest {

    static final Map<String, String> PRODUCTION = Map.of("region", "francecentral", "pairedRegion", "francesouth", "tier", "standard",
            "dataContainers", "orders,media", "backupRetentionDays", "35", "backupEvery", "1h");
    static final Map<String, String> RECOVERY = Map.of("region", "francesouth", "pairedRegion", "francecentral", "tier", "standard",
            "dataContainers", "orders,media", "productionStack", "acme/drp/production");

    static DrpConfig objectives(String backup, String rpo) {
        String yaml = """
                version: 1
                backup: { container: drp-backups, %s }
                services:
                  shop:
                    containers: [orders, media]
                    objectives:
                      region-outage: { rto: 4h, rpo: %s }
                """.formatted(backup, rpo);
        return new ConfigLoader(k -> null).parse("drp.yaml", Path.of("drp.yaml"), yaml, "0".repeat(64));
    }

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private static List<String> codes(List<Finding> f, Finding.Severity severity) {
        return f.stream().filter(x -> x.severity() == severity).map(Finding::code).sorted().toList();
    }

    private static DeclaredStack alter(DeclaredStack s, UnaryOperator<List<DeclaredResource>> change) {
        return new DeclaredStack(s.stack(), change.apply(new ArrayList<>(s.resources())), s.outputs());
    }

    @Test
    void wellBuiltStacksAreReady() {
        Map<String, DeclaredStack> both = StackInspector.inspectBoth(PRODUCTION, RECOVERY);
        List<Finding> f = ReadinessAssessment.assess(objectives("fullEvery: 24h, incrementalEvery: 1h", "1h"), both.get("production"), both.get("recovery"));
        assertEquals(List.of(), codes(f, Finding.Severity.BLOCKING));
        assertEquals(List.of("READY"), codes(f, Finding.Severity.INFO));
    }

    @Test
    void aDailyBackupCannotMeetAOneHourRpo() {
        Map<String, DeclaredStack> both = StackInspector.inspectBoth(PRODUCTION, RECOVERY);
        List<Finding> f = ReadinessAssessment.assess(objectives("fullEvery: 24h", "1h"), both.get("production"), both.get("recovery"));
        assertTrue(codes(f, Finding.Severity.BLOCKING).contains("BACKUP_TOO_RARE"));
        Finding rare = f.stream().filter(x -> x.code().equals("BACKUP_TOO_RARE")).findFirst().orElseThrow();
        assertEquals("shop/region-outage: a backup every 1d cannot meet an RPO of 1h", rare.message());
    }

    @Test
    void aRecoveryStackMissingATwinBreaksParity() {
        Map<String, String> rec = new HashMap<>(RECOVERY);
        rec.put("dataContainers", "orders");
        Map<String, DeclaredStack> both = StackInspector.inspectBoth(PRODUCTION, rec);
        List<Finding> f = ReadinessAssessment.assess(objectives("fullEvery: 24h, incrementalEvery: 1h", "1h"), both.get("production"), both.get("recovery"));
        assertEquals(List.of("PARITY_MISSING_TWIN"), codes(f, Finding.Severity.BLOCKING));
        assertTrue(f.get(0).message().contains("'media'"));
    }

    @Test
    void retentionShorterThanTheChainsKeptIsBlocking() {
        Map<String, DeclaredStack> both = StackInspector.inspectBoth(PRODUCTION, RECOVERY);
        List<Finding> f = ReadinessAssessment.assess(objectives("fullEvery: 24h, incrementalEvery: 1h, retainChains: 60", "1h"),
                both.get("production"), both.get("recovery"));
        assertEquals(List.of("RETENTION_TOO_SHORT"), codes(f, Finding.Severity.BLOCKING));
    }

    @Test
    void locallyRedundantBackupsAreBlocking() {
        Map<String, DeclaredStack> both = StackInspector.inspectBoth(PRODUCTION, RECOVERY);
        DeclaredStack lrs = alter(both.get("production"), rs -> rs.stream().map(r -> r.isType("StorageAccount") && r.name().contains("backups")
                ? new DeclaredResource(r.type(), r.name(), withSku(r.inputs(), "Standard_LRS")) : r).toList());
        List<Finding> f = ReadinessAssessment.assess(objectives("fullEvery: 24h, incrementalEvery: 1h", "1h"), lrs, both.get("recovery"));
        assertEquals(List.of("BACKUP_NOT_GEO_REDUNDANT"), codes(f, Finding.Severity.BLOCKING));
    }

    @Test
    void missingMetaMonitoringAndUnalertedStorageAreBlocking() {
        Map<String, DeclaredStack> both = StackInspector.inspectBoth(PRODUCTION, RECOVERY);
        DeclaredStack blind = alter(both.get("production"), rs -> rs.stream()
                .filter(r -> !r.isType("WebTest") && !(r.isType("MetricAlert") && r.name().endsWith("availability-backups"))).toList());
        List<Finding> f = ReadinessAssessment.assess(objectives("fullEvery: 24h, incrementalEvery: 1h", "1h"), blind, both.get("recovery"));
        assertEquals(List.of("NO_META_MONITORING", "STORAGE_NOT_ALERTED"), codes(f, Finding.Severity.BLOCKING));
    }

    private static Map<String, Object> withSku(Map<String, Object> inputs, String sku) {
        Map<String, Object> m = new HashMap<>(inputs);
        m.put("sku", Map.of("name", sku));
        return m;
    }
}
