package io.drp.recovery;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.drp.failure.AbortFailure;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One drill per recovery target, enforced by a blob lease on a lock blob in the recovery account. The lease
 * is short (60 s) and renewed in the background, so a crashed drill frees the target within a minute
 * without anyone cleaning up.
 */
public final class RecoveryLock implements AutoCloseable {

    public static final String CONTAINER = "drp-locks";
    public static final String BLOB = "drill.lock";
    static final int LEASE_SECONDS = 60;

    private final BlobLeaseClient lease;
    private final ScheduledExecutorService renewer;

    private RecoveryLock(BlobLeaseClient lease, ScheduledExecutorService renewer) {
        this.lease = lease;
        this.renewer = renewer;
    }

    /** @throws TargetBusy when another drill holds the target */
    public static RecoveryLock acquire(StorageAccount recovery, String drillId) {
        return acquire(recovery, drillId, false);
    }

    /**
     * @param resume when resuming {@code drillId}, a lease still held under that same id belongs to the
     *               aborted run (its process is gone, the lease just has not expired yet), so it is broken
     */
    public static RecoveryLock acquire(StorageAccount recovery, String drillId, boolean resume) {
        BlobContainerClient c = recovery.container(CONTAINER);
        try {
            c.createIfNotExists();
            BlobClient blob = c.getBlobClient(BLOB);
            if (!blob.exists()) {
                try {
                    blob.upload(BinaryData.fromString("drp drill lock; the lease holder is running a drill"), false);
                } catch (BlobStorageException e) {
                    if (e.getStatusCode() != 409 && e.getStatusCode() != 412) throw e;
                }
            }
            BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
            try {
                lease.acquireLease(LEASE_SECONDS);
            } catch (BlobStorageException e) {
                if (resume && (e.getErrorCode() == BlobErrorCode.LEASE_ALREADY_PRESENT || e.getStatusCode() == 409)
                        && drillId.equals(holderOf(blob))) {
                    new BlobLeaseClientBuilder().blobClient(blob).buildClient().breakLeaseWithResponse(0, null, null, null);
                    lease.acquireLease(LEASE_SECONDS);
                    return started(blob, lease, drillId);
                }
                if (e.getErrorCode() == BlobErrorCode.LEASE_ALREADY_PRESENT || e.getStatusCode() == 409) {
                    String holder = "";
                    try {
                        Map<String, String> md = blob.getProperties().getMetadata();
                        holder = md == null ? "" : md.getOrDefault("drillid", "");
                    } catch (BlobStorageException ignored) {
                        // the holder's id is a courtesy; the refusal stands without it
                    }
                    throw new TargetBusy("another drill" + (holder.isEmpty() ? "" : " (" + holder + ")")
                            + " is running on recovery target " + recovery.endpoint()
                            + "; wait for it to finish (a crashed drill's lock expires within " + LEASE_SECONDS + " s)");
                }
                throw e;
            }
            return started(blob, lease, drillId);
        } catch (BlobStorageException e) {
            throw new StorageError("cannot take the drill lock in " + recovery.endpoint() + " (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
        }
    }

    private static String holderOf(BlobClient blob) {
        try {
            Map<String, String> md = blob.getProperties().getMetadata();
            return md == null ? null : md.get("drillid");
        } catch (BlobStorageException e) {
            return null;
        }
    }

    private static RecoveryLock started(BlobClient blob, BlobLeaseClient lease, String drillId) {
        try {
            blob.setMetadataWithResponse(Map.of("drillid", drillId),
                    new com.azure.storage.blob.models.BlobRequestConditions().setLeaseId(lease.getLeaseId()), null, null);
        } catch (BlobStorageException ignored) {
            // the holder's id is informational only
        }
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drp-lock-renew");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleAtFixedRate(() -> {
            try {
                lease.renewLease();
            } catch (RuntimeException ignored) {
                // a missed renewal is retried 20 s later; the lease has 60 s of slack
            }
        }, LEASE_SECONDS / 3, LEASE_SECONDS / 3, TimeUnit.SECONDS);
        return new RecoveryLock(lease, renewer);
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            lease.releaseLease();
        } catch (RuntimeException ignored) {
            // if the release fails (emulator gone), the lease simply expires
        }
    }

    /** Raised when the recovery target is already in use. */
    public static final class TargetBusy extends AbortFailure {
        public TargetBusy(String message) {
            super(message);
        }
    }
}
