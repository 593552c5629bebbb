package io.drp.stacks;

import com.pulumi.test.PulumiTest;
import io.drp.stacks.config.StackConfigException;
import io.drp.stacks.inspect.DeclaredResource;
import io.drp.stacks.inspect.DeclaredStack;
import io.drp.stacks.inspect.RecordingMocks;
import io.drp.stacks.inspect.StackInspector;
import io.drp.stacks.storage.BackupVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both stacks evaluated on Pulumi's mock engine (com.pulumi.test), with mocks that reject unknown resource types. */
class StacksTest {

    static final Map<String, String> PRODUCTION = Map.of(
            "region", "francecentral", "pairedRegion", "francesouth", "tier", "critical",
            "dataContainers", "orders,invoices,media", "backupRetentionDays", "35", "backupEvery", "15m",
            "alertEmail", "oncall@example.com");
    static final Map<String, String> RECOVERY = Map.of(
            "region", "francesouth", "pairedRegion", "francecentral", "tier", "critical",
            "dataContainers", "orders,invoices,media", "productionStack", "acme/drp/production");

    /** Resource types that Azure cannot tag; they inherit their parent's context (containers get metadata instead). */
    static final Set<String> UNTAGGABLE = Set.of(
            "azure-native:storage:BlobServiceProperties", "azure-native:storage:BlobContainer",
            "azure-native:storage:BlobContainerImmutabilityPolicy", "azure-native:storage:ManagementPolicy",
            "pulumi:pulumi:StackReference");

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        if (value == null) m.remove(key);
        else m.put(key, value);
        return m;
    }

    private static DeclaredResource account(DeclaredStack s, String nameFragment) {
        return s.ofType("StorageAccount").stream().filter(r -> r.name().contains(nameFragment)).findFirst().orElseThrow();
    }

    @Test
    void productionDeclaresTheDrPosture() {
        DeclaredStack p = StackInspector.inspect("production", PRODUCTION, Map.of());

        // backups: geo-redundant, readable from the secondary region
        assertEquals(BackupVault.SKU, account(p, "backups").text("sku.name"));
        assertEquals("StorageV2", account(p, "data").text("kind"));
        // versioning, soft delete for blobs and containers, change feed on the data account
        DeclaredResource dataService = p.ofType("BlobServiceProperties").stream().filter(r -> r.name().contains("data")).findFirst().orElseThrow();
        assertEquals(true, dataService.get("isVersioningEnabled"));
        assertEquals(true, dataService.get("deleteRetentionPolicy.enabled"));
        assertEquals(true, dataService.get("containerDeleteRetentionPolicy.enabled"));
        assertEquals(true, dataService.get("changeFeed.enabled"));
        // WORM on the backup container, covering the retention
        DeclaredResource worm = p.ofType("BlobContainerImmutabilityPolicy").get(0);
        assertTrue(((Number) worm.get("immutabilityPeriodSinceCreationInDays")).intValue() >= 35);
        // lifecycle: cool, then delete after the retention period, never before the WORM period ends
        DeclaredResource lifecycle = p.ofType("ManagementPolicy").get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = ((List<Map<String, Object>>) lifecycle.get("policy.rules")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> baseBlob = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) rule.get("definition")).get("actions")).get("baseBlob");
        double coolAfter = ((Number) ((Map<?, ?>) baseBlob.get("tierToCool")).get("daysAfterModificationGreaterThan")).doubleValue();
        double deleteAfter = ((Number) ((Map<?, ?>) baseBlob.get("delete")).get("daysAfterModificationGreaterThan")).doubleValue();
        assertTrue(coolAfter < 35 && deleteAfter > 35, "cool at " + coolAfter + ", delete at " + deleteAfter);
        // monitoring and meta-monitoring
        assertEquals(1, p.ofType("Workspace").size());
        assertEquals(1, p.ofType("Component").size());
        assertEquals(1, p.ofType("ActionGroup").size());
        assertEquals(1, p.ofType("WebTest").size());
        assertEquals("standard", p.ofType("WebTest").get(0).text("kind"));
        List<String> alerts = p.ofType("MetricAlert").stream().map(DeclaredResource::name).sorted().toList();
        assertEquals(List.of("production-monitoring-availability-backups", "production-monitoring-availability-data",
                "production-monitoring-observability-down"), alerts);
        // the outputs drp reads
        assertEquals(List.of("orders", "invoices", "media"), p.outputList("dataContainers"));
        assertEquals("drpbkpp", p.outputText("backupAccountName"));
        assertEquals("https://drpbkpp.blob.core.windows.net/", p.outputText("backupBlobEndpoint"));
        assertEquals("francesouth", p.outputText("recoveryRegion"));
    }

    @Test
    void recoveryHasATwinForEveryProductionContainerInAnotherRegion() {
        Map<String, DeclaredStack> both = StackInspector.inspectBoth(PRODUCTION, RECOVERY);
        DeclaredStack p = both.get("production");
        DeclaredStack r = both.get("recovery");

        Set<String> prodContainers = p.ofType("BlobContainer").stream().filter(c -> c.name().startsWith("production-data-"))
                .map(c -> c.text("containerName")).collect(Collectors.toSet());
        Set<String> recContainers = r.ofType("BlobContainer").stream().map(c -> c.text("containerName")).collect(Collectors.toSet());
        assertEquals(prodContainers, recContainers);
        assertEquals(List.of("orders", "invoices", "media"), StackInspector.recoveryContainers(r));
        String prodRegion = p.ofType("ResourceGroup").get(0).text("location");
        String recRegion = r.ofType("ResourceGroup").get(0).text("location");
        assertNotEquals(prodRegion, recRegion);
        assertEquals("francesouth", recRegion);
        // the backup account comes through the StackReference to production
        assertEquals(1, r.ofType("StackReference").size());
        assertEquals("acme/drp/production", r.ofType("StackReference").get(0).text("name"));
        assertEquals(p.outputText("backupAccountName"), r.outputText("backupAccountName"));
        assertEquals("francecentral", r.outputText("productionRegion"));
        // sized by the tier: critical recovery data is zone-redundant
        assertEquals("Standard_ZRS", account(r, "data").text("sku.name"));
    }

    @Test
    void everyTaggableResourceCarriesTheFourDrpTags() {
        for (DeclaredStack s : StackInspector.inspectBoth(PRODUCTION, RECOVERY).values()) {
            int tagged = 0;
            for (DeclaredResource res : s.resources()) {
                if (RecordingMocks.COMPONENT_TYPES.contains(res.type())) continue;
                assertTrue(RecordingMocks.KNOWN_TYPES.contains(res.type()));
                if (UNTAGGABLE.contains(res.type())) continue;
                Map<String, String> tags = res.tags();
                assertEquals("critical", tags.get("drp:tier"), res.name());
                assertEquals("1h", tags.get("drp:rto"), res.name());
                assertEquals("15m", tags.get("drp:rpo"), res.name());
                assertTrue(tags.containsKey("drp:role"), res.name());
                tagged++;
            }
            assertTrue(tagged >= 8, s.stack() + ": only " + tagged + " tagged resources");
            // containers cannot carry ARM tags: they carry the same facts as metadata
            s.ofType("BlobContainer").forEach(c -> assertEquals("critical", c.get("metadata.drp_tier"), c.name()));
        }
    }

    @Test
    void bothStacksDeclareTheApplicationTierALevelTwoIncidentRebuilds() {
        Map<String, DeclaredStack> both = StackInspector.inspectBoth(with(PRODUCTION, "appImage", "acme.azurecr.io/orders:4.2"),
                with(RECOVERY, "appImage", "acme.azurecr.io/orders:4.2"));
        for (DeclaredStack s : both.values()) {
            DeclaredResource plan = s.ofType("AppServicePlan").get(0);
            assertEquals("linux", plan.text("kind"));
            assertEquals("P1v3", plan.text("sku.name"), "critical tier: premium v3");
            DeclaredResource app = s.ofType("WebApp").get(0);
            assertEquals("DOCKER|acme.azurecr.io/orders:4.2", app.text("siteConfig.linuxFxVersion"));
            assertEquals("true", app.text("httpsOnly"));
            String settings = String.valueOf(app.get("siteConfig.appSettings"));
            String dataAccount = account(s, "data").text("accountName");
            assertTrue(settings.contains("DRP_DATA_ACCOUNT") && settings.contains(dataAccount), s.stack() + ": " + settings);
            assertTrue(app.tags().get("drp:role").endsWith("-app"), app.tags().toString());
        }
        assertNotEquals(both.get("production").ofType("WebApp").get(0).text("location"), both.get("recovery").ofType("WebApp").get(0).text("location"),
                "the recovery app runs in the paired region");
        // sized by tier
        DeclaredStack basic = StackInspector.inspect("production", with(PRODUCTION, "tier", "basic"), Map.of());
        assertEquals("B1", basic.ofType("AppServicePlan").get(0).text("sku.name"));
        assertEquals(io.drp.stacks.config.StackSettings.DEFAULT_APP_IMAGE.length() + "DOCKER|".length(),
                basic.ofType("WebApp").get(0).text("siteConfig.linuxFxVersion").length());
        StackConfigException e = assertThrows(StackConfigException.class,
                () -> StackInspector.inspect("production", with(PRODUCTION, "appImage", "two words"), Map.of()));
        assertEquals("appImage", e.key());
    }

    @Test
    void missingRegionFailsWithTheKeyName() {
        StackConfigException e = assertThrows(StackConfigException.class,
                () -> StackInspector.inspect("production", with(PRODUCTION, "region", null), Map.of()));
        assertEquals("region", e.key());
        assertTrue(e.getMessage().startsWith("drp:region: is required"), e.getMessage());
    }

    @Test
    void recoveryRegionEqualToProductionRegionFails() {
        StackConfigException e = assertThrows(StackConfigException.class,
                () -> StackInspector.inspect("recovery", with(RECOVERY, "region", "francecentral"), Map.of()));
        assertEquals("pairedRegion", e.key());
        assertTrue(e.getMessage().contains("must differ from the production region"), e.getMessage());
    }

    @Test
    void unknownTierFails() {
        StackConfigException e = assertThrows(StackConfigException.class,
                () -> StackInspector.inspect("production", with(PRODUCTION, "tier", "platinum"), Map.of()));
        assertEquals("drp:tier: 'platinum' is not a tier; use critical, standard or basic", e.getMessage());
    }

    @Test
    void recoveryWithoutAProductionStackReferenceFails() {
        StackConfigException e = assertThrows(StackConfigException.class,
                () -> StackInspector.inspect("recovery", with(RECOVERY, "productionStack", null), Map.of()));
        assertEquals("productionStack", e.key());
    }

    @Test
    void theMocksRejectResourceTypesTheyDoNotKnow() {
        RecordingMocks mocks = new RecordingMocks(Map.of());
        var future = mocks.newResourceAsync(new com.pulumi.test.Mocks.ResourceArgs("azure-native:compute:VirtualMachine", "vm", Map.of(), null, null));
        assertTrue(future.isCompletedExceptionally());
    }

    @Test
    void everyResourceCarriesTheUrnAnUpdateCanTarget() {
        DeclaredStack r = StackInspector.inspect("recovery-drill-ab12", with(RECOVERY, "role", "recovery"), Map.of(
                "backupAccountName", "b", "backupBlobEndpoint", "https://b/", "backupContainer", "c", "region", "francecentral"));

        DeclaredResource plan = r.ofType("AppServicePlan").get(0);
        // the parents' types are part of the URN; the stack name is the stack the update runs on
        assertEquals("urn:pulumi:recovery-drill-ab12::drp::drp:stack:RecoveryEnvironment$drp:app:AppTier$azure-native:web:AppServicePlan::recovery-app-plan",
                plan.urn());
        // a StackReference only reads production's outputs; nothing targets it
        assertTrue(r.resources().stream().filter(x -> !x.isType("StackReference"))
                .allMatch(x -> x.urn() != null && x.urn().endsWith("::" + x.name())), () -> r.resources().stream().map(DeclaredResource::urn).toList().toString());
    }
}
