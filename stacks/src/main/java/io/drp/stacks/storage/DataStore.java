package io.drp.stacks.storage;

import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An application data store: a StorageV2 account with the protections a restore relies on (blob versioning,
 * soft delete for blobs and containers, change feed) and its data containers. Used for production and,
 * with the same containers, for its recovery twin.
 */
public final class DataStore extends ComponentResource {

    /**
     * @param containerTags the drp tags again, as container metadata: containers cannot carry ARM tags
     */
    public record Args(Output<String> resourceGroupName, String location, String accountName, String sku, List<String> containers,
                       int softDeleteDays, Map<String, String> tags) {
        public Args {
            Objects.requireNonNull(resourceGroupName, "'resourceGroupName' cannot be null.");
            containers = List.copyOf(containers);
            tags = Map.copyOf(tags);
        }
    }

    public final Output<String> accountName;
    public final Output<String> accountId;
    public final Output<String> blobEndpoint;
    public final Output<List<String>> containerNames;

    public DataStore(String name, Args args, ComponentResourceOptions options) {
        super("drp:storage:DataStore", name, options);
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        StorageAccount account = ProtectedAccount.create(name, args.resourceGroupName(), args.location(), args.accountName(),
                args.sku(), args.softDeleteDays(), true, args.tags(), child);
        List<Output<String>> names = new ArrayList<>();
        for (String c : args.containers()) {
            BlobContainer container = new BlobContainer(name + "-" + c, BlobContainerArgs.builder()
                    .resourceGroupName(args.resourceGroupName())
                    .accountName(account.name())
                    .containerName(c)
                    .metadata(metadata(args.tags()))
                    .build(), child);
            names.add(container.name());
        }
        this.accountName = account.name();
        this.accountId = account.id();
        this.blobEndpoint = account.primaryEndpoints().applyValue(e -> e.blob());
        this.containerNames = Output.all(names);
        this.registerOutputs(Map.of("accountName", accountName, "accountId", accountId, "blobEndpoint", blobEndpoint,
                "containerNames", containerNames));
    }

    /** Container metadata names must be identifiers, so drp:role becomes drp_role. */
    static Map<String, String> metadata(Map<String, String> tags) {
        return tags.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().replace(':', '_'), Map.Entry::getValue));
    }
}
