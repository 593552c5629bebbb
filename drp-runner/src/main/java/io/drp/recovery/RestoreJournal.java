package io.drp.recovery;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which (point, object) copies were verified and committed, and the ETag each commit produced, so
 * {@code --resume} does not copy them again and metadata verification can prove an object is the one drp
 * wrote. This bookkeeping lives here, in drp's own state, not as metadata on the recovered object: a recovered
 * object must equal the original. One line per copy ({@code etag TAB seq SPACE path}), appended and flushed as
 * each copy commits; a torn last line after a crash only means that one object is copied again.
 */
final class RestoreJournal implements AutoCloseable {

    private final Map<String, String> done = new ConcurrentHashMap<>();
    private final BufferedWriter out;

    private RestoreJournal(BufferedWriter out) {
        this.out = out;
    }

    static RestoreJournal open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            RestoreJournal j = new RestoreJournal(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) j.done.put(line.substring(tab + 1), line.substring(0, tab));
            }
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(int dataSeq, String path) {
        return dataSeq + " " + path;
    }

    /** The ETag the committed copy had, or null when this copy is not journalled. */
    String etagOf(String key) {
        return done.get(key);
    }

    int size() {
        return done.size();
    }

    synchronized void record(String key, String etag) {
        if (key.indexOf('\n') >= 0 || etag == null) return; // cannot be journalled; it is simply recopied
        done.put(key, etag);
        try {
            out.write(etag);
            out.write('\t');
            out.write(key);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the journal is an optimisation; losing its tail only costs re-copies
        }
    }
}
