package io.drp.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;

import java.util.Objects;
import java.util.Optional;

/**
 * A connected storage account with a role. {@code readOnly} accounts refuse every write in drp's own pipeline
 * ({@link ReadOnlyRequests}) whatever the credential; {@code serverEnforced} ones were also opened with a
 * read+list SAS, so the storage service itself would refuse a write as well.
 * {@code readGrant} mints read SAS URLs on its blobs for server-side copy; null when the credential cannot
 * (a configured SAS token: drp cannot narrow or shorten it).
 */
public record StorageAccount(String role, String endpoint, BlobServiceClient client, boolean readOnly, boolean serverEnforced,
                             ReadGrant readGrant) {

    public StorageAccount {
        Objects.requireNonNull(role, "'role' cannot be null.");
        Objects.requireNonNull(client, "'client' cannot be null.");
    }

    public StorageAccount(String role, String endpoint, BlobServiceClient client, boolean readOnly, boolean serverEnforced) {
        this(role, endpoint, client, readOnly, serverEnforced, null);
    }

    public Optional<ReadGrant> grant() {
        return Optional.ofNullable(readGrant);
    }

    public BlobContainerClient container(String name) {
        return client.getBlobContainerClient(name);
    }

    public String accountName() {
        return client.getAccountName();
    }
}
