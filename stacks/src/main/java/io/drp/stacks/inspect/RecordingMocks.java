package io.drp.stacks.inspect;

import com.pulumi.test.Mocks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Pulumi mocks that record every declared resource and answer like Azure would for the few outputs the
 * program reads (names, ids, endpoints). Unknown resource types are rejected, so a new resource cannot slip
 * into the stacks without the tests and {@code drp plan} knowing about it.
 */
public final class RecordingMocks implements Mocks {

    public static final Set<String> KNOWN_TYPES = Set.of(
            "azure-native:resources:ResourceGroup",
            "azure-native:storage:StorageAccount",
            "azure-native:storage:BlobServiceProperties",
            "azure-native:storage:BlobContainer",
            "azure-native:storage:BlobContainerImmutabilityPolicy",
            "azure-native:storage:ManagementPolicy",
            "azure-native:operationalinsights:Workspace",
            "azure-native:insights:Component",
            "azure-native:insights:ActionGroup",
            "azure-native:insights:MetricAlert",
            "azure-native:insights:WebTest",
            "azure-native:web:AppServicePlan",
            "azure-native:web:WebApp",
            "azure-native:authorization:RoleAssignment",
            "pulumi:pulumi:StackReference");

    /** drp's own ComponentResources: the mock engine sees them too; they hold no cloud state. */
    public static final Set<String> COMPONENT_TYPES = Set.of(
            "drp:stack:ProductionEnvironment", "drp:stack:RecoveryEnvironment",
            "drp:storage:DataStore", "drp:storage:BackupVault", "drp:monitoring:Monitoring", "drp:app:AppTier");

    private final List<DeclaredResource> resources = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Object> stackReferenceOutputs;

    /** @param stackReferenceOutputs what a StackReference returns (production's outputs, for the recovery stack) */
    public RecordingMocks(Map<String, Object> stackReferenceOutputs) {
        this.stackReferenceOutputs = Map.copyOf(stackReferenceOutputs);
    }

    public List<DeclaredResource> resources() {
        synchronized (resources) {
            return List.copyOf(resources);
        }
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (COMPONENT_TYPES.contains(args.type)) {
            resources.add(new DeclaredResource(args.type, args.name, args.inputs));
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name), args.inputs));
        }
        if (!KNOWN_TYPES.contains(args.type)) {
            return CompletableFuture.failedFuture(new IllegalStateException("unexpected resource type " + args.type
                    + " (" + args.name + "); add it to RecordingMocks.KNOWN_TYPES and to the tests"));
        }
        resources.add(new DeclaredResource(args.type, args.name, args.inputs));
        Map<String, Object> state = new HashMap<>(args.inputs);
        String id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mock/providers/" + args.type + "/" + args.name;
        switch (args.type) {
            case "azure-native:storage:StorageAccount" -> {
                String account = String.valueOf(args.inputs.getOrDefault("accountName", args.name));
                state.put("name", account);
                state.put("primaryEndpoints", Map.of("blob", "https://" + account + ".blob.core.windows.net/"));
                state.put("secondaryEndpoints", Map.of("blob", "https://" + account + "-secondary.blob.core.windows.net/"));
            }
            case "azure-native:storage:BlobContainer" -> state.put("name", args.inputs.getOrDefault("containerName", args.name));
            case "azure-native:resources:ResourceGroup" -> state.put("name", args.name);
            case "azure-native:web:WebApp" -> {
                String app = String.valueOf(args.inputs.getOrDefault("name", args.name));
                state.put("name", app);
                state.put("defaultHostName", app + ".azurewebsites.net");
            }
            case "pulumi:pulumi:StackReference" -> {
                state.put("name", args.name);
                state.put("outputs", stackReferenceOutputs);
                state.put("secretOutputNames", List.of());
            }
            default -> state.putIfAbsent("name", args.name);
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.failedFuture(new IllegalStateException("unexpected function call " + args.token));
    }
}
