package io.drp.backup;

import io.drp.testing.SyntheticManifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static io.drp.testing.SyntheticManifests.OBJECTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Planning a chain of three 1,000,000-entry manifests through the cache, with the heap capped at 256 MiB. */
@Tag("heap")
class MillionEntryChainHeapTest {

    @BeforeAll
    static void capped() {
        SyntheticManifests.requireHeapCap();
    }

    private static ManifestCache.Download copyOf(Path source, AtomicInteger downloads) {
        return file -> {
            downloads.incrementAndGet();
            try {
                Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "etag-" + source.getFileName();
        };
    }

    @Test
    void aChainOfMillionEntryManifestsIsPlannedAndReplannedFromTheCacheWithinTheHeapCap(@TempDir Path cacheDir) {
        List<Path> files = SyntheticManifests.chain();
        AtomicInteger downloads = new AtomicInteger();
        BackupCatalog.ChainListing listing = new BackupCatalog.ChainListing(SyntheticManifests.CHAIN, new TreeSet<>(List.of(0, 1, 2)), new TreeSet<>());

        List<ManifestFile> planned = null;
        for (int run = 0; run < 2; run++) {
            ManifestCache cache = new ManifestCache(cacheDir);
            ChainPlanner planner = new ChainPlanner((chain, seq) -> cache.get(chain, seq, "etag-" + files.get(seq).getFileName(),
                    copyOf(files.get(seq), downloads)));
            List<String> problems = new ArrayList<>();
            planned = planner.restorablePoints(listing, Instant.MAX, problems, new ArrayList<>()).orElseThrow();
            assertEquals(List.of(), problems);
        }

        assertEquals(3, planned.size());
        assertEquals(3, downloads.get(), "each manifest downloaded once over both runs");
        long deleted = OBJECTS / 1000, added = OBJECTS / 1000;
        ManifestTrailer last = planned.get(2).trailer();
        assertEquals(OBJECTS - deleted + added, last.liveObjects());
        assertEquals(OBJECTS / 10 + added, last.puts(), "the i % 10 == 2 rewrites (none is deleted: those end in 9) and the new objects");
        assertEquals(deleted, last.deletes());
    }
}
