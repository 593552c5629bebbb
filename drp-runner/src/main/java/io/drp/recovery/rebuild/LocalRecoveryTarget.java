package io.drp.recovery.rebuild;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.drp.storage.BatchDeletion;
import io.drp.storage.ContainerOwnership;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Rebuilds by creating the recovery containers in a recovery account (the embedded emulator by default).
 * drp writes only into containers it created: each carries {@link ContainerOwnership}'s mark, which names this
 * recovery account and the run that created it. A container that existed before drp, even an empty one, is
 * refused before anything is written, so pointing the recovery account at the wrong place cannot destroy data.
 */
public final class LocalRecoveryTarget implements RecoveryTarget {

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
        return rebuildCreated(drillId, containers, resume, Set.of());
    }

    /**
     * @param createdByThisRun containers this run's own rebuild (its {@code pulumi up}) has just created: they are
     *                         the run's although drp has not marked them yet, and they are marked now
     */
    @Override
    public RecoveryEnvironment rebuildCreated(String drillId, List<String> containers, boolean resume, Set<String> createdByThisRun) {
        // every container is looked at before any is touched, so a refusal leaves the account as it was
        Map<String, Map<String, String>> existing = new LinkedHashMap<>();
        for (String name : containers) {
            BlobContainerClient c = recovery.container(name);
            try {
                Map<String, String> md = metadataIfExists(c);
                if (md == null) continue;
                if (!createdByThisRun.contains(name)) {
                    ContainerOwnership.whyNotOwned(recovery, md).ifPresent(why -> {
                        throw new StorageError("recovery container '" + name + "' in " + recovery.endpoint() + " " + why
                                + "; nothing was written. Delete that container yourself if it holds no one's data, "
                                + "or point storage.recovery at an account of its own");
                    });
                }
                existing.put(name, md);
            } catch (BlobStorageException e) {
                throw new StorageError("cannot inspect recovery container '" + name + "' (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
            }
        }
        BatchDeletion.Cleared cleared = BatchDeletion.Cleared.NONE;
        long clearing = 0;
        for (String name : containers) {
            BlobContainerClient c = recovery.container(name);
            try {
                Map<String, String> md = existing.get(name);
                if (md == null) {
                    create(c, drillId);
                    continue;
                }
                boolean sameRun = ContainerOwnership.ownerRun(recovery, md).filter(drillId::equals).isPresent();
                if (sameRun && resume || createdByThisRun.contains(name)) {
                    // what this run restored before it was interrupted is kept; a container it has just built is empty
                    if (!sameRun) c.setMetadata(marked(md, drillId));
                    continue;
                }
                // left over from an earlier drill on this account: empty it so the drill starts from nothing, as after a disaster
                long start = ticker.getAsLong();
                cleared = cleared.plus(BatchDeletion.deleteAll(recovery, name));
                clearing += ticker.getAsLong() - start;
                c.setMetadata(marked(md, drillId));
            } catch (BlobStorageException e) {
                throw new StorageError("cannot create recovery container '" + name + "' (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
            }
        }
        return new RecoveryEnvironment(recovery, containers, Map.of("account", recovery.accountName(), "endpoint", recovery.endpoint()),
                new Leftovers(cleared.objects(), cleared.requests(), Duration.ofNanos(clearing)));
    }

    /** One request where exists-then-properties takes two; null when the container does not exist. */
    private static Map<String, String> metadataIfExists(BlobContainerClient c) {
        try {
            Map<String, String> md = c.getProperties().getMetadata();
            return md == null ? Map.of() : md;
        } catch (BlobStorageException e) {
            if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) return null;
            throw e;
        }
    }

    /** The container's metadata with this run's mark (others' keys kept, e.g. a stack's tags). */
    private Map<String, String> marked(Map<String, String> md, String runId) {
        Map<String, String> out = new HashMap<>(md);
        out.putAll(ContainerOwnership.metadata(recovery, runId));
        return out;
    }

    /**
     * Azure keeps a deleted container's name for a while (409 ContainerBeingDeleted): a drill right after
     * the previous one's teardown waits for it rather than aborting.
     */
    private void create(BlobContainerClient c, String drillId) {
        for (int attempt = 1; ; attempt++) {
            try {
                c.createWithResponse(ContainerOwnership.metadata(recovery, drillId), null, null, null);
                return;
            } catch (BlobStorageException e) {
                if (!BlobErrorCode.CONTAINER_BEING_DELETED.equals(e.getErrorCode())) throw e;
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

    /** Deletes the run's containers; {@link ContainerOwnership#deleteOwned} leaves any container that is not drp's here alone. */
    @Override
    public void teardown(RecoveryEnvironment environment) {
        for (String name : environment.containers()) {
            ContainerOwnership.deleteOwned(recovery, recovery.container(name));
        }
    }
}
