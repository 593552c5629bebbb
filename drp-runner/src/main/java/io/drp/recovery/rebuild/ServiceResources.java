package io.drp.recovery.rebuild;

import com.pulumi.automation.ConfigValue;
import io.drp.stacks.inspect.DeclaredResource;
import io.drp.stacks.inspect.DeclaredStack;
import io.drp.stacks.inspect.StackInspector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The URNs a level-2 update targets ({@code pulumi up --target}): the failed service's own resources, which are the
 * application tier (every resource tagged {@code drp:role=recovery-app}) and the blob containers holding the service's
 * data, plus what they stand on, the recovery resource group and data account ({@code drp:role=recovery}
 * and {@code recovery-data}), and the drp components that parent them. On a standing stack those already exist and
 * the update leaves them as they are; a drill's own stack must create them for the service to run at all.
 * Monitoring and the other services' containers are never targeted.
 * <p>
 * The URNs come from evaluating the recovery program on Pulumi's mock engine under the stack's own name: the
 * same program the update runs, so they are the URNs the engine will give the resources.
 */
final class ServiceResources {

    private static final String APP_ROLE = "recovery-app";
    private static final List<String> FOUNDATION_ROLES = List.of("recovery", "recovery-data");

    private ServiceResources() {}

    static List<String> urns(String stack, Map<String, ConfigValue> config, List<String> containers) {
        return urns(declared(stack, config), containers);
    }

    /**
     * Sorted: the mock engine registers resources from several threads, so their order varies from run to run, and
     * {@code --target} is a set to Pulumi. A stable list keeps the report and the tests reproducible.
     */
    static List<String> urns(DeclaredStack declared, List<String> containers) {
        List<DeclaredResource> chosen = declared.resources().stream().filter(r -> wanted(r, containers)).toList();
        return declared.resources().stream()
                .filter(r -> chosen.contains(r) || chosen.stream().anyMatch(c -> parents(r, c)))
                .map(DeclaredResource::urn).sorted().toList();
    }

    private static boolean wanted(DeclaredResource r, List<String> containers) {
        if (r.urn() == null) return false;
        if (r.isType("BlobContainer")) return containers.contains(r.text("containerName"));
        String role = r.tags().get("drp:role");
        if (r.isType("StorageAccount") || r.isType("ResourceGroup")) return FOUNDATION_ROLES.contains(role);
        // the drill identity's grant on the data account: without it a drill's own stack could not write its account
        if (r.isType("RoleAssignment")) return true;
        return APP_ROLE.equals(role);
    }

    /**
     * Whether drp component {@code c} is an ancestor of {@code r}: a URN carries its parents' types
     * ({@code ...::drp:stack:RecoveryEnvironment$drp:app:AppTier$azure-native:web:WebApp::recovery-app-app}) and drp's
     * components name their children after themselves, so both the type chain and the name must extend the component's.
     */
    private static boolean parents(DeclaredResource c, DeclaredResource r) {
        if (c.urn() == null || !c.type().startsWith("drp:")) return false;
        return typeChain(r).startsWith(typeChain(c) + "$") && r.name().startsWith(c.name() + "-");
    }

    private static String typeChain(DeclaredResource r) {
        String head = r.urn().substring(0, r.urn().lastIndexOf("::"));
        return head.substring(head.lastIndexOf("::") + 2);
    }

    static DeclaredStack declared(String stack, Map<String, ConfigValue> config) {
        Map<String, String> drp = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith("drp:")) drp.put(k.substring(4), v.value());
        });
        // the production stack's outputs only feed the StackReference, which no level-2 update targets
        Map<String, Object> production = Map.of("backupAccountName", "(not read)", "backupBlobEndpoint", "(not read)",
                "backupContainer", "(not read)", "region", "(not read)");
        try {
            return StackInspector.inspect(stack, drp, production);
        } catch (RuntimeException e) {
            throw new RebuildFailure("cannot evaluate the recovery program to find the failed service's resources: " + e.getMessage(), e);
        }
    }
}
