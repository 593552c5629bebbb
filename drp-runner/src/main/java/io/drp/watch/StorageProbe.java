package io.drp.watch;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobContainersOptions;

import java.time.Duration;

/**
 * The infrastructure probe: the production storage account answers. Any HTTP answer below 500 counts as up
 * (a 403 is a credential problem, not an outage); a 5xx, a timeout or a refused connection is down. The client
 * should be built without retries, so a dead account is seen within one timeout rather than after a backoff.
 */
public final class StorageProbe implements Probe {

    private final String name;
    private final BlobServiceClient client;
    private final Duration timeout;

    public StorageProbe(String name, BlobServiceClient client, Duration timeout) {
        this.name = name;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public ProbeResult probe() {
        try {
            client.listBlobContainers(new ListBlobContainersOptions().setMaxResultsPerPage(1), timeout).iterator().hasNext();
            return new ProbeResult(name, ProbeResult.Kind.INFRASTRUCTURE, true, "account answered");
        } catch (BlobStorageException e) {
            boolean up = e.getStatusCode() < 500;
            return new ProbeResult(name, ProbeResult.Kind.INFRASTRUCTURE, up, "account answered HTTP " + e.getStatusCode() + " " + e.getErrorCode());
        } catch (RuntimeException e) {
            // timeouts and connection failures surface as unchecked exceptions with the cause inside
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            return new ProbeResult(name, ProbeResult.Kind.INFRASTRUCTURE, false, "account unreachable (" + root.getClass().getSimpleName() + ")");
        }
    }
}
