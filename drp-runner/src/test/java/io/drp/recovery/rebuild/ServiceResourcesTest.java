package io.drp.recovery.rebuild;

import com.pulumi.automation.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The URNs a level-2 update targets, found by evaluating the recovery program on the mock engine. */
class ServiceResourcesTest {

    private static final Map<String, ConfigValue> RECOVERY = Map.of(
            "drp:region", new ConfigValue("francesouth"), "drp:pairedRegion", new ConfigValue("francecentral"),
            "drp:dataContainers", new ConfigValue("orders,invoices,media"), "drp:role", new ConfigValue("recovery"),
            "drp:productionStack", new ConfigValue("organization/drp/production"), "azure-native:location", new ConfigValue("francesouth"));

    static List<String> expected(String stack, String... containers) {
        String p = "urn:pulumi:" + stack + "::drp::drp:stack:RecoveryEnvironment";
        List<String> urns = new java.util.ArrayList<>(List.of(p + "::recovery", p + "$azure-native:resources:ResourceGroup::recovery-rg",
                p + "$drp:storage:DataStore::recovery-data",
                p + "$drp:storage:DataStore$azure-native:storage:StorageAccount::recovery-data-account"));
        for (String c : containers) urns.add(p + "$drp:storage:DataStore$azure-native:storage:BlobContainer::recovery-data-" + c);
        urns.addAll(List.of(p + "$drp:app:AppTier::recovery-app", p + "$drp:app:AppTier$azure-native:web:AppServicePlan::recovery-app-plan",
                p + "$drp:app:AppTier$azure-native:web:WebApp::recovery-app-app"));
        return urns.stream().sorted().toList();
    }

    @Test
    void theServicesContainersTheAppTierAndWhatTheyStandOnNothingElse() {
        List<String> urns = ServiceResources.urns("recovery-drill-ab12", RECOVERY, List.of("media"));

        assertEquals(expected("recovery-drill-ab12", "media"), urns);
        assertTrue(urns.stream().noneMatch(u -> u.contains("Monitoring") || u.contains("BlobServiceProperties")), urns.toString());
    }

    @Test
    void theChoiceIsTheSameWhateverOrderTheMockEngineRegisteredIn() {
        List<String> first = ServiceResources.urns("recovery", RECOVERY, List.of("media"));
        for (int i = 0; i < 5; i++) assertEquals(first, ServiceResources.urns("recovery", RECOVERY, List.of("media")));
    }

    @Test
    void twoContainersOfOneServiceAreBothTargeted() {
        assertEquals(expected("recovery", "orders", "invoices"), ServiceResources.urns("recovery", RECOVERY, List.of("invoices", "orders")));
    }

    @Test
    void theDrillIdentitysGrantOnTheDataAccountIsTargetedWhenTheStackDeclaresIt() {
        Map<String, ConfigValue> granted = new java.util.HashMap<>(RECOVERY);
        granted.put("drp:drillPrincipalId", new ConfigValue("6f1c2b3d-701e-4042-9a4b-4b0a1e00c0de"));

        List<String> urns = ServiceResources.urns("recovery", granted, List.of("media"));

        assertEquals(1, urns.stream().filter(u -> u.contains("$azure-native:authorization:RoleAssignment::")).count(), urns.toString());
        assertEquals(expected("recovery", "media"), urns.stream().filter(u -> !u.contains("RoleAssignment")).toList());
    }
}
