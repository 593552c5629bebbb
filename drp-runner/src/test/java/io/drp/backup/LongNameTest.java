package io.drp.backup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A production name is backed up under the point's prefix; Azure refuses blob names over 1,024 characters. */
class LongNameTest {

    private static final String CHAIN = "c20261124T020000000Z";

    @Test
    void aNameThatFitsUnderThePrefixIsKeptAndOneCharacterMoreIsRefusedNamingTheObject() {
        // "chains/" + 20-character chain id + "/000000/" + "data/" + "orders/" = 47 characters before the name
        String fits = "n".repeat(1024 - 47);
        assertEquals(1024, BackupLayout.dataBlobChecked(CHAIN, 0, "orders", fits).length());

        String over = "big/" + "n".repeat(1024 - 47 - 4) + "x";
        BackupError e = assertThrows(BackupError.class, () -> BackupLayout.dataBlobChecked(CHAIN, 0, "orders", over));
        String m = e.getMessage();
        assertTrue(m.contains("orders/big/nnnn") && m.contains(CHAIN + "/000000"), m);
        assertTrue(m.contains("978 characters") && m.contains("1025") && m.contains("1024") && m.contains("at most 977"), m);
        assertEquals(1, m.lines().count(), "one line");
        assertTrue(m.length() < 800, "the name is shortened in the message: " + m.length());
    }

    @Test
    void theLimitCountsTheContainerAndThePointNumber() {
        assertThrows(BackupError.class, () -> BackupLayout.dataBlobChecked(CHAIN, 1_000_000, "orders", "n".repeat(1024 - 47)));
        assertEquals(1024, BackupLayout.dataBlobChecked(CHAIN, 0, "media-archive", "n".repeat(1024 - 54)).length());
        assertThrows(BackupError.class, () -> BackupLayout.dataBlobChecked(CHAIN, 0, "media-archive", "n".repeat(1024 - 53)));
    }
}
