package io.drp.recovery.rebuild;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The containers a real recovery writes into: created when missing, never emptied, never deleted. A
 * container that already holds objects is refused unless the caller allowed overwriting. A resumed restore's
 * containers are checked by the engine instead, object by object against what the interrupted run committed.
 */
public final class RestoreContainers implements RecoveryTarget {

    static final String RESTORE_MARKER = io.drp.storage.ContainerOwnership.RESTORED_BY;

    private final StorageAccount account;
    private final String role;
    private final boolean overwrite;

    public RestoreContainers(StorageAccount account, String role, boolean overwrite) {
        if (account.readOnly()) throw new IllegalArgumentException("a restore target must be writable");
        this.account = account;
        this.role = role;
        this.overwrite = overwrite;
    }

    @Override
    public String describe() {
        return role + " (" + account.endpoint() + ")";
    }

    @Override
    public RecoveryEnvironment rebuild(String runId, List<String> containers, boolean resume) {
        for (String name : containers) {
            BlobContainerClient c = account.container(name);
            try {
                if (!c.exists()) {
                    c.createWithResponse(Map.of(RESTORE_MARKER, runId), null, null, null);
                    continue;
                }
                // A resumed run's containers hold what it committed before; the engine then checks them object by object
                // against the run's journal (RebuildStep), since a container's marker cannot tell whose objects are in it.
                if (!overwrite && !resume && !isEmpty(c)) {
                    // checked before the run too; this catches a writer that filled the container in between
                    throw new StorageError("target container '" + name + "' in " + account.endpoint()
                            + " already holds objects; pass --overwrite to replace same-named objects");
                }
            } catch (BlobStorageException e) {
                throw new StorageError("cannot prepare target container '" + name + "' (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
            }
        }
        return new RecoveryEnvironment(account, containers, Map.of("account", account.accountName(), "endpoint", account.endpoint()));
    }

    /** True when the container does not exist or holds no object. */
    public static boolean isEmpty(BlobContainerClient c) {
        if (!c.exists()) return true;
        return !c.listBlobs(new ListBlobsOptions().setMaxResultsPerPage(1), Duration.ofSeconds(30)).iterator().hasNext();
    }

    /** A real recovery is never torn down: the recovered data is the point of the run. */
    @Override
    public void teardown(RecoveryEnvironment environment) {
        throw new IllegalStateException("a restore target is never torn down");
    }
}
