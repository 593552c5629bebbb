package io.drp.listing;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.storage.BlobAttributes;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.util.List;
import java.util.stream.Stream;

/**
 * The current objects of several containers as one lazily paged stream in {@link ObjectKey} order, ready to
 * merge-join with a manifest. Deleted blobs, snapshots and old versions are not current objects.
 */
public final class ContainerListing {

    private static final int PAGE = 1000;

    private ContainerListing() {}

    /**
     * @param withMetadata also fetch user metadata and index tags, and fill {@link ListedObject#attributes()}
     * @param skipMissing  treat a container that does not exist as empty instead of listing it (which fails)
     */
    public static Stream<ListedObject> of(StorageAccount account, List<String> containers, boolean withMetadata,
                                          boolean skipMissing) {
        return Containers.oneAfterAnother(containers, c -> container(account, c, withMetadata, skipMissing));
    }

    private static Stream<ListedObject> container(StorageAccount account, String name, boolean withMetadata, boolean skipMissing) {
        BlobContainerClient client = account.container(name);
        if (skipMissing && !client.exists()) return Stream.empty();
        ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(PAGE)
                .setDetails(new BlobListDetails().setRetrieveMetadata(withMetadata).setRetrieveTags(withMetadata));
        String[] last = {null};
        return client.listBlobs(options, null).stream().filter(ContainerListing::current).map(b -> {
            if (last[0] != null && last[0].compareTo(b.getName()) >= 0) {
                throw new StorageError("container " + name + " in " + account.endpoint() + " listed '" + b.getName()
                        + "' after '" + last[0] + "'; drp needs the service's sorted listing");
            }
            last[0] = b.getName();
            return new ListedObject(name, b.getName(), b.getProperties().getContentLength(), b.getProperties().getETag(),
                    b.getProperties().getLastModified() == null ? null : b.getProperties().getLastModified().toInstant(),
                    b.getMetadata(), withMetadata ? BlobAttributes.of(b.getProperties(), b.getMetadata(), b.getTags()) : null);
        });
    }

    private static boolean current(BlobItem item) {
        if (Boolean.TRUE.equals(item.isDeleted()) || item.getSnapshot() != null) return false;
        return item.getVersionId() == null || Boolean.TRUE.equals(item.isCurrentVersion());
    }
}
