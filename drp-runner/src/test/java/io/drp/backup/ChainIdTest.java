package io.drp.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A chain id read from a listing names local paths only when it is one drp writes. */
class ChainIdTest {

    @Test
    void onlyDrpsOwnChainIdsAndPointNumbersAreAccepted() {
        assertTrue(BackupLayout.isChainId("c20261124T020000000Z"));
        for (String bad : new String[] {"..", ".", "", "c1", "c20261124T020000000Z/..", "../c20261124T020000000Z",
                "c20261124T020000000Zx", "C20261124T020000000Z", "c2026112aT020000000Z", "c20261124T020000000Z\n", null}) {
            assertFalse(BackupLayout.isChainId(bad), String.valueOf(bad));
        }
        assertEquals(0, BackupLayout.parseSeq("000000"));
        assertEquals(1234567, BackupLayout.parseSeq("1234567"));
        for (String bad : new String[] {"+00001", "-00001", "1", "00001", "0000001", "00000a", "", "..", null}) {
            assertEquals(-1, BackupLayout.parseSeq(bad), String.valueOf(bad));
        }
    }

    @Test
    void aDotDotChainIdNeverReachesTheCacheRoot(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        Path keep = Files.writeString(Files.createDirectories(cache).resolve("keep.ref"), "not the index's\n");
        Path outside = Files.writeString(tmp.resolve("outside.ref"), "nor this\n");
        AtomicInteger downloads = new AtomicInteger();

        assertThrows(BackupError.class, () -> new ManifestCache(cache).get("..", 0, "0x1", file -> {
            downloads.incrementAndGet();
            return "0x1";
        }));
        new ManifestCache(cache).forget("..");
        new ManifestCache(cache.resolve("index")).forget("../..");

        assertEquals(0, downloads.get(), "a bad chain id is refused before anything is fetched");
        assertTrue(Files.exists(keep), "forget(\"..\") listed and deleted the cache root's files");
        assertTrue(Files.exists(outside));
    }
}
