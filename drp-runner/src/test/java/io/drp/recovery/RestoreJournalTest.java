package io.drp.recovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RestoreJournalTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("drills").resolve("run").resolve("restore.journal");
    }

    @Test
    void copiesCommittedOutOfOrderAreFoundByAnInOrderWalkAfterResume() {
        try (RestoreJournal j = RestoreJournal.open(file())) {
            j.record(RestoreJournal.key(0, "b/x"), "E-bx");
            j.record(RestoreJournal.key(0, "a/z"), "E-az");
            j.record(RestoreJournal.key(2, "a/y"), "E-ay2");
        }
        try (RestoreJournal j = RestoreJournal.open(file())) {
            assertNull(j.etagOf(RestoreJournal.key(0, "a/a")));
            assertNull(j.etagOf(RestoreJournal.key(0, "a/y")), "the same object from another point is another copy");
            assertEquals("E-az", j.etagOf(RestoreJournal.key(0, "a/z")));
            assertEquals("E-bx", j.etagOf(RestoreJournal.key(0, "b/x")));
            assertNull(j.etagOf(RestoreJournal.key(0, "c/c")));
        }
    }

    @Test
    void aLaterWalkSeesWhatAnEarlierWalkOfTheSameRunCommittedAndTheNewestEtagWins() {
        try (RestoreJournal j = RestoreJournal.open(file())) {
            j.record(RestoreJournal.key(0, "c/only"), "old");
        }
        try (RestoreJournal j = RestoreJournal.open(file())) {
            // restore walk: the journalled copy was replaced since, so it is copied again and journalled again
            assertEquals("old", j.etagOf(RestoreJournal.key(0, "c/only")));
            j.record(RestoreJournal.key(0, "c/only"), "new");
            // verify walk asks the same key again: that starts a new walk, which sees this run's line
            assertEquals("new", j.etagOf(RestoreJournal.key(0, "c/only")));
        }
        try (RestoreJournal j = RestoreJournal.open(file())) {
            assertEquals("new", j.etagOf(RestoreJournal.key(0, "c/only")));
        }
    }

    @Test
    void manyChunksMergeIntoOneOrderedView() {
        int n = JournalSort.CHUNK * 3 + 17;
        try (RestoreJournal j = RestoreJournal.open(file())) {
            for (int i = n - 1; i >= 0; i--) j.record(RestoreJournal.key(0, "k/" + String.format("%07d", i)), "e" + i);
        }
        try (RestoreJournal j = RestoreJournal.open(file())) {
            for (int i = 0; i < n; i++) {
                if (i % 3 == 0) continue; // a walk may skip keys: a scoped restore asks for fewer
                assertEquals("e" + i, j.etagOf(RestoreJournal.key(0, "k/" + String.format("%07d", i))));
            }
        }
    }

    @Test
    void aTornLastLineIsCutOffAndNotGluedToTheNextLine() throws Exception {
        try (RestoreJournal j = RestoreJournal.open(file())) {
            j.record(RestoreJournal.key(0, "a/whole"), "E1");
        }
        // a crash mid-write: "E2\t0 a/whole-but-longer" lost its tail
        Files.writeString(file(), "E2\t0 a/who", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (RestoreJournal j = RestoreJournal.open(file())) {
            j.record(RestoreJournal.key(0, "a/next"), "E3");
        }
        assertEquals("E1\t0 a/whole\nE3\t0 a/next\n", Files.readString(file()));
        try (RestoreJournal j = RestoreJournal.open(file())) {
            assertNull(j.etagOf(RestoreJournal.key(0, "a/who")));
            assertEquals("E3", j.etagOf(RestoreJournal.key(0, "a/next")));
            assertEquals("E1", j.etagOf(RestoreJournal.key(0, "a/whole")));
        }
    }
}
