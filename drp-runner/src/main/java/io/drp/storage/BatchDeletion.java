package io.drp.storage;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.batch.BlobBatch;
import com.azure.storage.blob.batch.BlobBatchClient;
import com.azure.storage.blob.batch.BlobBatchClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Empties a container with Blob Batch: one request deletes up to {@link #PER_REQUEST} objects, where Delete
 * Blob takes one request each (38.8 s for a container a previous {@code --keep} left full). Names are streamed
 * from the listing, so memory holds one batch whatever the container's size.
 */
public final class BatchDeletion {

    /** The service's limit of sub-requests per batch. */
    public static final int PER_REQUEST = 256;

    /** What emptying took: objects deleted and batch requests sent (listing pages not counted). */
    public record Cleared(long objects, long requests) {
        public static final Cleared NONE = new Cleared(0, 0);

        public Cleared plus(Cleared o) {
            return new Cleared(objects + o.objects, requests + o.requests);
        }
    }

    private BatchDeletion() {}

    /**
     * Deletes every object of {@code container} in {@code account}, which must be a container drp created there
     * ({@link ContainerOwnership}): checked here, at the deletion, so no caller can empty a container it merely found.
     */
    public static Cleared deleteAll(StorageAccount account, String containerName) {
        BlobContainerClient container = account.container(containerName);
        ContainerOwnership.requireOwned(account, container);
        BlobBatchClient batches = new BlobBatchClientBuilder(account.client()).buildClient();
        List<String> urls = new ArrayList<>(PER_REQUEST);
        long objects = 0, requests = 0;
        for (BlobItem b : container.listBlobs(new ListBlobsOptions().setMaxResultsPerPage(5000), null)) {
            urls.add(container.getBlobClient(b.getName()).getBlobUrl());
            if (urls.size() == PER_REQUEST) {
                objects += submit(batches, urls);
                requests++;
            }
        }
        if (!urls.isEmpty()) {
            objects += submit(batches, urls);
            requests++;
        }
        return new Cleared(objects, requests);
    }

    private static int submit(BlobBatchClient batches, List<String> urls) {
        BlobBatch batch = batches.getBlobBatch();
        List<Response<Void>> each = new ArrayList<>(urls.size());
        for (String url : urls) each.add(batch.deleteBlob(url, DeleteSnapshotsOptionType.INCLUDE, null));
        // failures are judged one by one below: an object already gone is what this wanted anyway
        batches.submitBatchWithResponse(batch, false, null, Context.NONE);
        int deleted = 0;
        for (Response<Void> r : each) {
            try {
                r.getStatusCode();
                deleted++;
            } catch (BlobStorageException e) {
                if (!BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())) throw e;
            }
        }
        urls.clear();
        return deleted;
    }
}
