package io.drp.demo;

import io.drp.failure.UsageFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's work dir, which the demo wipes at start. It wipes only a dir it made itself: one that carries
 * {@link #MARKER}, written as soon as the dir is created. Any other non-empty dir (such as {@code .drp}, the
 * default work dir of every other command, with its ledger and sweep plans) is refused, never deleted.
 */
final class DemoWorkDir {

    /** The file that says "the demo made this dir". Production state never carries it by accident. */
    static final String MARKER = ".drp-demo-workdir";

    private DemoWorkDir() {}

    /** Empties {@code dir} when the demo made it (or it is absent or empty), then creates it with the marker. */
    static void prepare(Path dir) {
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                if (!Files.isRegularFile(dir.resolve(MARKER))) {
                    throw new UsageFailure("--work-dir " + dir + ": not empty and not made by drp demo (no " + MARKER
                            + " file), so the demo will not wipe it; choose another --work-dir or empty it yourself");
                }
                wipe(dir);
            } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UsageFailure("--work-dir " + dir + ": is a file, not a directory; choose another --work-dir");
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "made by drp demo; drp demo wipes this directory at start\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void wipe(Path dir) throws IOException {
        // symbolic links are deleted, never followed: walk does not follow them by default
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
