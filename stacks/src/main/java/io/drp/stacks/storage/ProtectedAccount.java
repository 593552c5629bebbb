package io.drp.stacks.storage;

import com.pulumi.azurenative.storage.BlobServiceProperties;
import com.pulumi.azurenative.storage.BlobServicePropertiesArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.enums.Kind;
import com.pulumi.azurenative.storage.enums.MinimumTlsVersion;
import com.pulumi.azurenative.storage.inputs.ChangeFeedArgs;
import com.pulumi.azurenative.storage.inputs.DeleteRetentionPolicyArgs;
import com.pulumi.azurenative.storage.inputs.SkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The storage account every drp component builds on: StorageV2, TLS 1.2, no public blobs, and the blob
 * protections a restore relies on (versioning, soft delete for blobs and containers, optionally the change
 * feed). One place, so the data store and the backup vault cannot diverge on security posture.
 */
final class ProtectedAccount {

    private ProtectedAccount() {}

    static StorageAccount create(String name, Output<String> resourceGroupName, String location, String accountName, String sku,
                                 int softDeleteDays, boolean changeFeed, Map<String, String> tags, CustomResourceOptions options) {
        StorageAccount account = new StorageAccount(name + "-account", StorageAccountArgs.builder()
                .resourceGroupName(resourceGroupName)
                .accountName(accountName)
                .location(location)
                .kind(Kind.StorageV2)
                .sku(SkuArgs.builder().name(sku).build())
                .minimumTlsVersion(MinimumTlsVersion.TLS1_2)
                .allowBlobPublicAccess(false)
                .enableHttpsTrafficOnly(true)
                .tags(tags)
                .build(), options);
        BlobServicePropertiesArgs.Builder service = BlobServicePropertiesArgs.builder()
                .resourceGroupName(resourceGroupName)
                .accountName(account.name())
                .blobServicesName("default")
                .isVersioningEnabled(true)
                .deleteRetentionPolicy(DeleteRetentionPolicyArgs.builder().enabled(true).days(softDeleteDays).build())
                .containerDeleteRetentionPolicy(DeleteRetentionPolicyArgs.builder().enabled(true).days(softDeleteDays).build());
        if (changeFeed) {
            service.changeFeed(ChangeFeedArgs.builder().enabled(true).retentionInDays(Math.max(7, softDeleteDays)).build());
        }
        new BlobServiceProperties(name + "-blob-service", service.build(), options);
        return account;
    }
}
