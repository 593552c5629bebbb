package io.drp.stacks.storage;

import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.BlobContainerImmutabilityPolicy;
import com.pulumi.azurenative.storage.BlobContainerImmutabilityPolicyArgs;
import com.pulumi.azurenative.storage.ManagementPolicy;
import com.pulumi.azurenative.storage.ManagementPolicyArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.inputs.DateAfterModificationArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyActionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyBaseBlobArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyDefinitionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyFilterArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyRuleArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicySchemaArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * Where backups live: a read-access geo-zone-redundant account (RA-GZRS: survives a zone and a region,
 * readable from the secondary during an outage), a WORM container whose time-based retention covers the
 * backup policy, and lifecycle rules that cool old backups and delete them after the retention period.
 */
public final class BackupVault extends ComponentResource {

    public static final String SKU = "Standard_RAGZRS";

    public record Args(Output<String> resourceGroupName, String location, String accountName, String container,
                       int retentionDays, int softDeleteDays, Map<String, String> tags) {
        public Args {
            tags = Map.copyOf(tags);
        }

        /** Days after which backups move to cool: they are read only by restores, rarely. */
        public int coolAfterDays() {
            return Math.max(1, Math.min(7, retentionDays / 2));
        }

        /**
         * Archive only backups far older than any restore would use: archived blobs need hours of rehydration,
         * which no RTO survives. Returns 0 when the retention is too short for archiving to make sense.
         */
        public int archiveAfterDays() {
            return retentionDays > 90 ? 60 : 0;
        }

        /** Delete the day after the immutability period ends; before that the service would refuse anyway. */
        public int deleteAfterDays() {
            return retentionDays + 1;
        }
    }

    public final Output<String> accountName;
    public final Output<String> accountId;
    public final Output<String> blobEndpoint;
    public final Output<String> secondaryBlobEndpoint;
    public final Output<String> containerName;

    public BackupVault(String name, Args args, ComponentResourceOptions options) {
        super("drp:storage:BackupVault", name, options);
        CustomResourceOptions child = CustomResourceOptions.builder().parent(this).build();
        StorageAccount account = ProtectedAccount.create(name, args.resourceGroupName(), args.location(), args.accountName(),
                SKU, args.softDeleteDays(), false, args.tags(), child);
        BlobContainer container = new BlobContainer(name + "-container", BlobContainerArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .accountName(account.name())
                .containerName(args.container())
                .metadata(DataStore.metadata(args.tags()))
                .build(), child);
        new BlobContainerImmutabilityPolicy(name + "-worm", BlobContainerImmutabilityPolicyArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .accountName(account.name())
                .containerName(container.name())
                .immutabilityPolicyName("default")
                .immutabilityPeriodSinceCreationInDays(args.retentionDays())
                .allowProtectedAppendWrites(false)
                .build(), child);
        ManagementPolicyBaseBlobArgs.Builder baseBlob = ManagementPolicyBaseBlobArgs.builder()
                .tierToCool(DateAfterModificationArgs.builder().daysAfterModificationGreaterThan((double) args.coolAfterDays()).build())
                .delete(DateAfterModificationArgs.builder().daysAfterModificationGreaterThan((double) args.deleteAfterDays()).build());
        if (args.archiveAfterDays() > 0) {
            baseBlob.tierToArchive(DateAfterModificationArgs.builder().daysAfterModificationGreaterThan((double) args.archiveAfterDays()).build());
        }
        new ManagementPolicy(name + "-lifecycle", ManagementPolicyArgs.builder()
                .resourceGroupName(args.resourceGroupName())
                .accountName(account.name())
                .managementPolicyName("default")
                .policy(ManagementPolicySchemaArgs.builder().rules(ManagementPolicyRuleArgs.builder()
                        .name("drp-backup-retention")
                        .enabled(true)
                        .type("Lifecycle")
                        .definition(ManagementPolicyDefinitionArgs.builder()
                                .filters(ManagementPolicyFilterArgs.builder().blobTypes("blockBlob").prefixMatch(args.container() + "/").build())
                                .actions(ManagementPolicyActionArgs.builder().baseBlob(baseBlob.build()).build())
                                .build())
                        .build()).build())
                .build(), child);
        this.accountName = account.name();
        this.accountId = account.id();
        this.blobEndpoint = account.primaryEndpoints().applyValue(e -> e.blob());
        this.secondaryBlobEndpoint = account.secondaryEndpoints().applyValue(e -> e == null ? null : e.blob());
        this.containerName = container.name();
        this.registerOutputs(Map.of("accountName", accountName, "accountId", accountId, "blobEndpoint", blobEndpoint,
                "containerName", containerName));
    }
}
