package io.drp.recovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalKeysTest {

    static final List<String> HOSTILE = List.of("a\rb", "a\nb", "a\r\nb", "\u0001", "tab\there", "\u007F\u0085\u009F",
            "back\\slash", "\\u0041", "\\\\u0041", "ends\\", "\\u00", "lone\uD800high", "lone\uDC00low", "pair\uD83D\uDE00",
            "\u2028\u2029", "plain", "");

    @Test
    void everyNameRoundTripsAndNoEscapedNameHoldsALineBreakOrControlCharacter() {
        for (String n : HOSTILE) {
            String e = JournalKeys.escape(n);
            assertEquals(n, JournalKeys.unescape(e), e);
            assertTrue(e.chars().noneMatch(Character::isISOControl), e);
        }
        assertEquals("plain", JournalKeys.escape("plain"), "ordinary names are stored as they are");
    }

    @Test
    void theJournalFindsNamesWithCrAndControlCharactersAndKeepsTheirNeighboursApart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("restore.journal");
        try (RestoreJournal j = RestoreJournal.open(file)) {
            j.record(RestoreJournal.key(0, "c/a"), "E-a");
            j.record(RestoreJournal.key(0, "c/a\rb"), "E-cr");
            j.record(RestoreJournal.key(0, "c/x"), "E-x");
            j.record(RestoreJournal.key(0, "c/x\u0001y"), "E-ctl");
            j.record(RestoreJournal.key(0, "c/n\nm"), "E-lf");
        }
        assertEquals(5, Files.readAllLines(file).size(), "one line per copy, whatever the names hold");
        try (RestoreJournal j = RestoreJournal.open(file)) {
            assertEquals("E-a", j.etagOf(RestoreJournal.key(0, "c/a")));
            assertEquals("E-cr", j.etagOf(RestoreJournal.key(0, "c/a\rb")));
            assertEquals(null, j.etagOf(RestoreJournal.key(0, "c/n")));
            assertEquals("E-lf", j.etagOf(RestoreJournal.key(0, "c/n\nm")));
            assertEquals("E-x", j.etagOf(RestoreJournal.key(0, "c/x")));
            assertEquals("E-ctl", j.etagOf(RestoreJournal.key(0, "c/x\u0001y")));
        }
        assertFalse(Files.readString(file).contains("\r"));
    }
}
