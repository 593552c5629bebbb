package io.drp.recovery.rebuild;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.storage.BatchDeletion;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Rebuilds by creating the recovery containers in a recovery account (the embedded emulator by default).
 * Containers carry a {@code drpmanaged} metadata marker: drp only ever empties or deletes containers
 * that carry it, so pointing the recovery account at the wrong place cannot destroy someone's data.
 */
public final class LocalRecoveryTarget implements RecoveryTarget {

    public static final String MANAGED_MARKER = "drpmanaged";

    /** How long and how often a create waits for Azure to finish deleting a container of the same name. */
    static final Duration BEING_DELETED_WAIT = Duration.ofSeconds(5);
    static final int BEING_DELETED_ATTEMPTS = 24;

    /** Waits between attempts; tests pass one that records the waits instead of sleeping. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final StorageAccount recovery;
    private final Sleeper sleeper;
    /** Times the clearing of leftovers, which the RTO leaves out (a monotonic ticker, as the run's timeline uses). */
    private final LongSupplier ticker = System::nanoTime;

    public LocalRecoveryTarget(StorageAccount recovery) {
        this(recovery, d -> Thread.sleep(d.toMillis()));
    }

    LocalRecoveryTarget(StorageAccount recovery, Sleeper sleeper) {
        if (recovery.readOnly()) {
            throw new IllegalArgumentException("the recovery account must be writable");
        }
        this.recovery = recovery;
        this.sleeper = sleeper;
    }

    @Override
    public String describe() {
        return "local (" + recovery.endpoint() + ")";
    }

    @Override
    public RecoveryEnvironment rebuild(String drillId, List<String> containers, boolean resume) {
        BatchDeletion.Cleared cleared = BatchDeletion.Cleared.NONE;
        long clearing = 0;
        for (String name : containers) {
            BlobContainerClient c = recovery.container(name);
            try {
                if (c.exists()) {
                    Map<String, String> md = c.getProperties().getMetadata();
                    if (md == null || !md.containsKey(MANAGED_MARKER)) {
                        if (c.listBlobs(new ListBlobsOptions().setMaxResultsPerPage(1), Duration.ofSeconds(30)).iterator().hasNext()) {
                            throw new StorageError("recovery container '" + name + "' in " + recovery.endpoint()
                                    + " already holds data that drp did not create; point recovery at an empty account or delete it yourself");
                        }
                    }
                    boolean sameDrill = md != null && drillId.equals(md.get("drpdrill"));
                    if (!(resume && sameDrill)) {
                        // Left over from another drill: empty it so the drill starts from nothing, as after a disaster.
                        long start = ticker.getAsLong();
                        cleared = cleared.plus(BatchDeletion.deleteAll(recovery, c));
                        clearing += ticker.getAsLong() - start;
                    }
                    c.setMetadata(Map.of(MANAGED_MARKER, "true", "drpdrill", drillId));
                } else {
                    create(c, drillId);
                }
            } catch (BlobStorageException e) {
                throw new StorageError("cannot create recovery container '" + name + "' (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
            }
        }
        return new RecoveryEnvironment(recovery, containers, Map.of("account", recovery.accountName(), "endpoint", recovery.endpoint()),
                new Leftovers(cleared.objects(), cleared.requests(), Duration.ofNanos(clearing)));
    }

    /**
     * Azure keeps a deleted container's name for a while (409 ContainerBeingDeleted): a drill right after
     * the previous one's teardown waits for it rather than aborting.
     */
    private void create(BlobContainerClient c, String drillId) {
        for (int attempt = 1; ; attempt++) {
            try {
                c.createWithResponse(Map.of(MANAGED_MARKER, "true", "drpdrill", drillId), null, null, null);
                return;
            } catch (BlobStorageException e) {
                if (!com.azure.storage.blob.models.BlobErrorCode.CONTAINER_BEING_DELETED.equals(e.getErrorCode())) throw e;
                if (attempt >= BEING_DELETED_ATTEMPTS) {
                    throw new StorageError("recovery container '" + c.getBlobContainerName() + "' in " + recovery.endpoint()
                            + " is still being deleted by Azure after " + BEING_DELETED_WAIT.multipliedBy(attempt - 1L).toSeconds()
                            + " s of waiting (409 ContainerBeingDeleted); run again in a few minutes", e);
                }
                try {
                    sleeper.sleep(BEING_DELETED_WAIT);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void teardown(RecoveryEnvironment environment) {
        for (String name : environment.containers()) {
            BlobContainerClient c = recovery.container(name);
            if (c.exists()) {
                Map<String, String> md = c.getProperties().getMetadata();
                if (md != null && md.containsKey(MANAGED_MARKER)) {
                    c.delete();
                }
            }
        }
    }
}
