package io.drp.recovery;

import com.azure.storage.blob.BlobContainerClient;
import io.drp.config.DrpConfig;
import io.drp.progress.Progress;
import io.drp.recovery.rebuild.RecoveryTarget;
import io.drp.storage.StorageAccount;

import java.nio.file.Path;
import java.util.Objects;

/** The collaborators every step of a run shares: configuration, accounts, the target, where state lives. */
record RecoveryContext(DrpConfig config, StorageAccount production, StorageAccount backup, RecoveryTarget target,
                       Progress progress, Path workDir, java.time.Clock clock) {

    RecoveryContext {
        Objects.requireNonNull(config, "'config' cannot be null.");
        Objects.requireNonNull(production, "'production' cannot be null.");
        Objects.requireNonNull(backup, "'backup' cannot be null.");
        Objects.requireNonNull(target, "'target' cannot be null.");
    }

    BlobContainerClient backupContainer() {
        return backup.container(config.backup().container());
    }

    /** The service a "container/name" path belongs to, as reports group it. */
    String serviceOf(String path) {
        return config.serviceNameOf(path);
    }
}
