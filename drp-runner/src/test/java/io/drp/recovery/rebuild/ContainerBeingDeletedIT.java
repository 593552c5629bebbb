package io.drp.recovery.rebuild;

import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageError;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.BeingDeletedHttpClient;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drill right after the previous one's teardown meets Azure still deleting the container's name (409
 * ContainerBeingDeleted): the rebuild waits and creates it, and gives up with one clear line after two minutes.
 * The waits are recorded, not slept.
 */
@ExtendWith(Azurite.class)
class ContainerBeingDeletedIT {

    private static StorageAccount recovery(DrillFixture f, BeingDeletedHttpClient wire) {
        return new StorageConnector(StorageConnector.defaultRetryOptions(), wire).open("recovery", f.session.accounts().recovery());
    }

    @Test
    void theRebuildWaitsForAzureToFinishDeletingTheName(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        BeingDeletedHttpClient wire = new BeingDeletedHttpClient(StorageConnector.defaultHttpClient(), 3);
        List<Duration> waits = new ArrayList<>();

        RecoveryEnvironment env = new LocalRecoveryTarget(recovery(f, wire), waits::add).rebuild("d1", List.of(f.orders()), false);

        assertEquals(3, wire.refused());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)), waits);
        assertEquals(List.of(f.orders()), env.containers());
        assertTrue(f.recovery.container(f.orders()).exists(), "created once Azure let go of the name");
    }

    @Test
    void aNameNeverReleasedEndsTheRebuildWithOneLine(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        BeingDeletedHttpClient wire = new BeingDeletedHttpClient(StorageConnector.defaultHttpClient(), Integer.MAX_VALUE);
        List<Duration> waits = new ArrayList<>();

        StorageError e = assertThrows(StorageError.class,
                () -> new LocalRecoveryTarget(recovery(f, wire), waits::add).rebuild("d1", List.of(f.orders()), false));

        assertEquals(24, wire.refused(), "24 attempts");
        assertEquals(23, waits.size(), "a wait between each two");
        assertTrue(e.getMessage().contains("'" + f.orders() + "'") && e.getMessage().contains("115 s")
                && e.getMessage().contains("ContainerBeingDeleted"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }
}
