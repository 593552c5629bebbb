package io.drp.recovery;

import io.drp.recovery.JournalSort.Line;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Remembers which (point, object) copies were verified and committed, and the ETag each commit produced, so
 * {@code --resume} does not copy them again and metadata verification can prove an object is the one drp
 * wrote. This bookkeeping lives here, in drp's own state, not as metadata on the recovered object: a recovered
 * object must equal the original.
 * <p>
 * The log gets one line per copy ({@code etag TAB seq SPACE path}, the path escaped by {@link JournalKeys}), appended and flushed as each copy commits,
 * so completions land only locally out of order. Nothing of it is held in memory: the restore, the replay and
 * the verification each walk the recovery point in plan order, so a lookup is answered by a forward-only cursor
 * over a sorted view of the log ({@link JournalSort}). A lookup that does not move forward starts a new walk:
 * the view then takes in the lines appended since, and the cursor starts again from its top.
 * <p>
 * A torn last line after a crash is cut off when the journal is opened: it only means that one object is copied
 * again, and the next line appended must not be glued to it.
 */
final class RestoreJournal implements AutoCloseable {

    private final Path log;
    private final Path view;
    private final BufferedWriter out;
    private long viewCovers; // bytes of the log already in the sorted view
    private BufferedReader cursor;
    private Line head; // the cursor's current line; null at the view's end
    private Line lastAsked;

    private RestoreJournal(Path log, BufferedWriter out) {
        this.log = log;
        this.view = log.resolveSibling(log.getFileName() + ".sorted");
        this.out = out;
    }

    static RestoreJournal open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) cutTornTail(file);
            RestoreJournal j = new RestoreJournal(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            Files.deleteIfExists(j.view); // rebuilt from the log, which is the only record that is always whole
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(int dataSeq, String path) {
        return dataSeq + " " + path;
    }

    /**
     * The ETag the committed copy had, or null when this copy is not journalled. Callers ask in plan order, one
     * walk after another, and from one thread per walk: this is a cursor, not a map.
     */
    synchronized String etagOf(String key) {
        Line want = Line.ofKey(key, null);
        if (want == null) return null;
        try {
            if (cursor == null || Line.PLAN_ORDER.compare(want, lastAsked) <= 0) restart();
            lastAsked = want;
            while (head != null && Line.PLAN_ORDER.compare(head, want) < 0) head = next();
            return head != null && Line.PLAN_ORDER.compare(head, want) == 0 ? head.etag() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void restart() throws IOException {
        if (cursor != null) cursor.close();
        out.flush();
        long length = Files.size(log);
        if (length > viewCovers || !Files.exists(view)) {
            JournalSort.update(log, viewCovers, length, view);
            viewCovers = length;
        }
        cursor = Files.newBufferedReader(view, StandardCharsets.UTF_8);
        head = next();
    }

    private Line next() throws IOException {
        for (String s = cursor.readLine(); s != null; s = cursor.readLine()) {
            Line l = Line.parse(s);
            if (l != null) return l;
        }
        return null;
    }

    synchronized void record(String key, String etag) {
        Line line = Line.ofKey(key, etag);
        if (line == null || etag == null || JournalKeys.needsEscape(etag)) return; // simply recopied
        try {
            out.write(line.text()); // any legal blob name, CR and control characters included, round-trips escaped
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts the log after its last complete line. */
    private static void cutTornTail(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long end = f.length();
            byte[] block = new byte[4096];
            while (end > 0) {
                int n = (int) Math.min(block.length, end);
                f.seek(end - n);
                f.readFully(block, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (block[i] == '\n') {
                        f.setLength(end - n + i + 1);
                        return;
                    }
                }
                end -= n;
            }
            f.setLength(0);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (cursor != null) cursor.close();
            out.close();
        } catch (IOException ignored) {
            // the journal is an optimisation; losing its tail only costs re-copies
        }
    }
}
