package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.testing.SyntheticManifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A 1,000,000-copy journal resumed against a 1,000,000-entry recovery point, heap capped at 256 MiB: the
 * journal held as a map of keys and ETags would not fit.
 */
@Tag("heap")
class RestoreJournalHeapTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void capped() {
        SyntheticManifests.requireHeapCap();
    }

    private static String etagFor(ManifestEntry e) {
        return String.format("\"0x8DD%08X%04X\"", e.path().hashCode(), e.dataSeq()); // shaped like Azure's
    }

    @Test
    void aMillionJournalledCopiesAreFoundByTheResumedWalksWithinTheHeapCap() {
        ManifestFile point = ManifestFile.open(SyntheticManifests.chain().get(2), null);
        Path file = dir.resolve("restore.journal");
        long live;
        // the first run: every live copy committed, completions out of order within a window of 32 like
        // 2 × parallelism copies in flight, except every 100th object, which the crash cut off
        try (RestoreJournal j = RestoreJournal.open(file); Stream<ManifestEntry> entries = point.entries().filter(ManifestEntry::live)) {
            ManifestEntry[] window = new ManifestEntry[32];
            long n = 0;
            for (Iterator<ManifestEntry> it = entries.iterator(); it.hasNext(); n++) {
                ManifestEntry e = it.next();
                window[(int) (n % window.length)] = n % 100 == 0 ? null : e;
                if (n % window.length == window.length - 1) commitReversed(j, window);
            }
            commitReversed(j, window);
            live = n;
        }
        assertEquals(SyntheticManifests.OBJECTS, live, "a thousand deleted, a thousand added");

        try (RestoreJournal j = RestoreJournal.open(file)) {
            // the resumed run walks the point as restore and replay do: the full point's objects, then the rest
            long found = 0, missing = 0;
            for (boolean full : new boolean[] {true, false}) {
                try (Stream<ManifestEntry> entries = point.entries().filter(ApplyStep.mine(full, Scope.ALL))) {
                    for (Iterator<ManifestEntry> it = entries.iterator(); it.hasNext(); ) {
                        ManifestEntry e = it.next();
                        String etag = j.etagOf(RestoreJournal.key(e.dataSeq(), e.path()));
                        if (etag == null) {
                            missing++;
                            j.record(RestoreJournal.key(e.dataSeq(), e.path()), etagFor(e)); // copied again now
                        } else {
                            assertEquals(etagFor(e), etag, e.path());
                            found++;
                        }
                    }
                }
            }
            assertEquals(live / 100, missing);
            assertEquals(live - live / 100, found);
            // metadata verification walks every live object once more and finds each ETag, this run's included
            try (Stream<ManifestEntry> entries = point.entries().filter(ManifestEntry::live)) {
                long verified = entries.filter(e -> etagFor(e).equals(j.etagOf(RestoreJournal.key(e.dataSeq(), e.path())))).count();
                assertEquals(live, verified);
            }
        }
    }

    private static void commitReversed(RestoreJournal j, ManifestEntry[] window) {
        for (int i = window.length - 1; i >= 0; i--) {
            if (window[i] != null) j.record(RestoreJournal.key(window[i].dataSeq(), window[i].path()), etagFor(window[i]));
            window[i] = null;
        }
    }
}
