package io.drp.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger file's lines, and the mend of its end. A record is appended as one write of its line and newline, so a
 * crash (or a full disk) mid-write leaves a partial last line without its newline. That line was never a record: it
 * is not a break, readers pass over it with a warning, and the next append cuts it under its lock, so the new record
 * starts on a line of its own instead of being glued to the fragment (which broke the chain for good).
 */
final class LedgerFile {

    /** {@code lines}: the records' lines, line i + 1 of the file at index i; {@code tornTail}: the warning, or null. */
    record Lines(List<String> lines, String tornTail) {}

    private LedgerFile() {}

    static Lines read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = lastNewline(bytes);
        // decoded leniently, line by line: a write torn inside a multi-byte character must not make the whole file unreadable
        String body = new String(bytes, 0, end + 1, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(body.split("\n", -1)));
        lines.remove(lines.size() - 1); // what follows the last newline is the tail
        String tail = new String(bytes, end + 1, bytes.length - end - 1, StandardCharsets.UTF_8);
        if (tail.isBlank()) return new Lines(lines, null);
        if (LedgerCodec.parses(tail)) {
            lines.add(tail); // a whole record that lost only its newline: it is judged like any other
            return new Lines(lines, null);
        }
        return new Lines(lines, torn(file, bytes.length - end - 1) + "; it is not a record, and the next append cuts it");
    }

    /**
     * Called with the append's lock held, before the new record is written: cuts a torn last line, or ends a whole
     * last record's line with the newline it lacks.
     *
     * @return a warning saying what was mended, or null when the file ended cleanly
     */
    static String mend(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        if (size == 0 || byteAt(ch, size - 1) == '\n') return null;
        long cut = size;
        while (cut > 0 && byteAt(ch, cut - 1) != '\n') cut--;
        ByteBuffer tailBytes = ByteBuffer.allocate((int) (size - cut));
        ch.read(tailBytes, cut);
        String tail = new String(tailBytes.array(), StandardCharsets.UTF_8);
        if (!tail.isBlank() && LedgerCodec.parses(tail)) {
            ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
            ch.force(true);
            return "the last record of " + file + " lacked its newline; it was added before appending";
        }
        ch.truncate(cut);
        ch.force(true);
        return torn(file, size - cut) + "; it was cut before appending (it was never a record)";
    }

    private static String torn(Path file, long bytes) {
        return file + " ends in a torn line of " + bytes + " byte(s), an append that did not finish";
    }

    private static byte byteAt(FileChannel ch, long pos) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, pos);
        return one.get(0);
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') return i;
        }
        return -1;
    }
}
