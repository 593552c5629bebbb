package io.drp.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;

import java.util.Objects;

/**
 * A connected storage account with a role. {@code readOnly} accounts were opened with a read+list SAS
 * where the credential allowed it, so the storage service itself refuses writes on the drill path.
 */
public record StorageAccount(String role, String endpoint, BlobServiceClient client, boolean readOnly, boolean serverEnforced) {

    public StorageAccount {
        Objects.requireNonNull(role, "'role' cannot be null.");
        Objects.requireNonNull(client, "'client' cannot be null.");
    }

    public BlobContainerClient container(String name) {
        return client.getBlobContainerClient(name);
    }

    public String accountName() {
        return client.getAccountName();
    }
}
