package io.drp.stacks;

import com.pulumi.test.PulumiTest;
import io.drp.stacks.config.StackConfigException;
import io.drp.stacks.inspect.DeclaredResource;
import io.drp.stacks.inspect.DeclaredStack;
import io.drp.stacks.inspect.StackInspector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.drp.stacks.StacksTest.RECOVERY;
import static io.drp.stacks.StacksTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** drp:drillPrincipalId: the recovery stack grants the drill's identity blob data access on its own data account. */
class DrillAccessTest {

    static final String PRINCIPAL = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    /** The mock engine's subscription, as RecordingMocks builds resource ids. */
    static final String SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private static DeclaredStack recovery(Map<String, String> config) {
        return StackInspector.inspect("recovery", config, Map.of("backupAccountName", "drpbackupsp",
                "backupBlobEndpoint", "https://drpbackupsp.blob.core.windows.net/", "backupContainer", "drp-backups", "region", "francecentral"));
    }

    @Test
    void aConfiguredPrincipalGetsBlobDataContributorOnTheRecoveryDataAccountOnly() {
        DeclaredStack r = recovery(with(RECOVERY, "drillPrincipalId", PRINCIPAL));

        List<DeclaredResource> grants = r.ofType("RoleAssignment");
        assertEquals(1, grants.size(), "one grant");
        DeclaredResource grant = grants.get(0);
        DeclaredResource data = r.ofType("StorageAccount").stream().filter(a -> a.name().contains("data")).findFirst().orElseThrow();
        assertEquals(SUBSCRIPTION + "/resourceGroups/mock/providers/azure-native:storage:StorageAccount/" + data.name(), grant.text("scope"));
        assertEquals(SUBSCRIPTION + "/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453e-a403-e96b0b7c8c0d",
                grant.text("roleDefinitionId"));
        assertEquals(PRINCIPAL, grant.text("principalId"));
        assertEquals("ServicePrincipal", grant.text("principalType"), "the default: drills run as a service principal");
    }

    @Test
    void thePrincipalTypeCanBeAUserOrAGroup() {
        DeclaredStack r = recovery(with(with(RECOVERY, "drillPrincipalId", PRINCIPAL), "drillPrincipalType", "user"));

        assertEquals("User", r.ofType("RoleAssignment").get(0).text("principalType"));
    }

    @Test
    void withoutThePrincipalNothingIsGranted() {
        DeclaredStack r = recovery(RECOVERY);

        assertEquals(List.of(), r.ofType("RoleAssignment"));
        assertFalse(r.ofType("StorageAccount").isEmpty(), "the account is still declared");
    }

    @Test
    void aPrincipalIdThatIsNotAGuidIsRefusedInOneLine() {
        StackConfigException e = assertThrows(StackConfigException.class,
                () -> recovery(with(RECOVERY, "drillPrincipalId", "drill-runner@example.com")));

        assertEquals("drillPrincipalId", e.key());
        assertTrue(e.getMessage().startsWith("drp:drillPrincipalId: 'drill-runner@example.com' is not"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aGuidMissingADigitIsRefused() {
        String short1 = PRINCIPAL.substring(0, PRINCIPAL.length() - 1);
        StackConfigException e = assertThrows(StackConfigException.class, () -> recovery(with(RECOVERY, "drillPrincipalId", short1)));

        assertEquals("drillPrincipalId", e.key());
    }

    @Test
    void anUnknownPrincipalTypeIsRefused() {
        StackConfigException e = assertThrows(StackConfigException.class,
                () -> recovery(with(with(RECOVERY, "drillPrincipalId", PRINCIPAL), "drillPrincipalType", "robot")));

        assertEquals("drillPrincipalType", e.key());
    }

    @Test
    void productionRefusesTheKeyRatherThanIgnoreIt() {
        StackConfigException e = assertThrows(StackConfigException.class,
                () -> StackInspector.inspect("production", with(StacksTest.PRODUCTION, "drillPrincipalId", PRINCIPAL), Map.of()));

        assertEquals("drillPrincipalId", e.key());
    }
}
