package io.drp.backup;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import io.drp.cli.ExitCode;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Azurite accepts blob names over 1,024 characters, Azure does not: a backup of a long production name would pass
 * here and fail (or lose the object) there. The backup refuses it by name, and commits no point without it.
 */
@ExtendWith(Azurite.class)
class LongNameIT {

    @Test
    void aNameTooLongForThePointStopsTheBackupNamingItAndCommitsNothing(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        String name = "long/" + "n".repeat(995); // 1,000 characters: legal in production, too long under the point's prefix
        f.data().put(f.orders(), name, "an object with a long name");

        BackupError e = assertThrows(BackupError.class, () -> f.backup(BackupJob.Mode.FULL));

        assertEquals(3, ExitCode.of(e).code, "aborted");
        assertTrue(e.getMessage().contains(f.orders() + "/long/nnnn") && e.getMessage().contains("1000 characters"), e.getMessage());
        BlobContainerClient backup = f.backupWritable.container(f.config.backup().container());
        List<String> names = new ArrayList<>();
        for (BlobItem b : backup.listBlobs()) names.add(b.getName());
        assertFalse(names.stream().anyMatch(n -> n.endsWith(BackupLayout.MANIFEST)), "no point was committed: " + names);
        assertFalse(names.stream().anyMatch(n -> n.endsWith(name)), "the long name was never written");
        assertTrue(new BackupCatalog(backup, tmp.resolve("c")).plan(java.time.Instant.now(), new ArrayList<>()).isEmpty());
    }
}
