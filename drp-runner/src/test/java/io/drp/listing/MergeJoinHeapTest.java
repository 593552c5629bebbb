package io.drp.listing;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.testing.SyntheticManifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static io.drp.testing.SyntheticManifests.OBJECTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The merge-join of two 1,000,000-entry manifests, with the heap capped at 256 MiB. */
@Tag("heap")
class MergeJoinHeapTest {

    @BeforeAll
    static void capped() {
        SyntheticManifests.requireHeapCap();
    }

    @Test
    void joiningTwoMillionEntryManifestsStreamsBothSides() {
        List<java.nio.file.Path> files = SyntheticManifests.chain();
        ManifestFile full = ManifestFile.open(files.get(0), null);
        ManifestFile last = ManifestFile.open(files.get(2), null);
        long[] counts = new long[4]; // only full, only last, both, both with another ETag

        try (Stream<ManifestEntry> left = full.entries(); Stream<ManifestEntry> right = last.entries().filter(ManifestEntry::live)) {
            MergeJoin.join(left.iterator(), ManifestEntry::key, right.iterator(), ManifestEntry::key, new MergeJoin.Visitor<ManifestEntry, ManifestEntry>() {
                @Override
                public void onlyLeft(ManifestEntry l) {
                    counts[0]++;
                }

                @Override
                public void onlyRight(ManifestEntry r) {
                    counts[1]++;
                }

                @Override
                public void both(ManifestEntry l, ManifestEntry r) {
                    counts[2]++;
                    if (!l.etag().equals(r.etag())) counts[3]++;
                }
            });
        }

        long deleted = OBJECTS / 1000, added = OBJECTS / 1000;
        assertEquals(deleted, counts[0]);
        assertEquals(added, counts[1]);
        assertEquals(OBJECTS - deleted, counts[2]);
        // rewritten at point 1 or 2 (i % 10 is 1 or 2), none of which is also deleted (i % 1000 == 999 ends in 9)
        assertEquals(OBJECTS / 5, counts[3]);
    }
}
