package io.drp.recovery;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which (point, object) copies were verified and committed, so {@code drp drill --resume}
 * does not copy them again. One line per copy, appended and flushed as each copy commits; a torn last
 * line after a crash only means that one object is copied again.
 */
final class RestoreJournal implements AutoCloseable {

    private final Set<String> done = ConcurrentHashMap.newKeySet();
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
                if (!line.isBlank()) j.done.add(line);
            }
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean contains(String key) {
        return done.contains(key);
    }

    int size() {
        return done.size();
    }

    synchronized void record(String key) {
        if (key.indexOf('\n') >= 0) return; // a name with a newline cannot be journalled; it is simply recopied
        done.add(key);
        try {
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
