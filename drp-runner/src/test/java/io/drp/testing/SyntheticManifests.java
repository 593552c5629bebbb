package io.drp.testing;

import io.drp.backup.BackupLayout;
import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestHeader;
import io.drp.backup.ManifestWriter;
import io.drp.backup.PointKind;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of synthetic manifests over {@link #OBJECTS} objects, written once per test JVM with drp's own
 * {@link ManifestWriter} and shared by the heap-capped tests (they run in one forked JVM with {@code -Xmx256m}).
 * <ul>
 *   <li>point 0, full: object {@code i} is PUT with ETag {@code e<i>};</li>
 *   <li>point 1: every object with {@code i % 10 == 1} is rewritten (ETag {@code e<i>-1}), the rest KEEP;</li>
 *   <li>point 2: {@code i % 10 == 2} rewritten, {@code i % 1000 == 999} deleted, {@code i % 1000 == 500} gets a new
 *       neighbour {@code <name>-n}.</li>
 * </ul>
 * A million entries held as objects take far more than 256 MiB (each carries a 64-character hash, a name and an
 * ETag: over 300 bytes), so any code under test that collects them fails with OutOfMemoryError.
 */
public final class SyntheticManifests {

    public static final int OBJECTS = 1_000_000;
    public static final String CHAIN = "c20261124T010000000Z";
    public static final String CONTAINER = "orders";
    public static final Instant WATERMARK = Instant.parse("2026-11-24T01:00:00Z");
    public static final long SIZE = 1024;

    private static List<Path> chain;

    private SyntheticManifests() {}

    /** Fails fast when the execution forgot its heap cap, so a green run always means "ran within 256 MiB". */
    public static void requireHeapCap() {
        long max = Runtime.getRuntime().maxMemory();
        if (max > 256L << 20) {
            throw new IllegalStateException("heap-capped tests must run with -Xmx256m (the 'heap' surefire execution); max heap is "
                    + (max >> 20) + " MiB");
        }
    }

    public static String name(int i) {
        return String.format("obj-%07d", i);
    }

    public static String etag(int i, int seq) {
        return seq == 0 ? "e" + i : "e" + i + "-" + seq;
    }

    /** The ETag object {@code i} has at point 2, the chain's last. */
    public static String finalEtag(int i) {
        int r = i % 10;
        return r == 1 || r == 2 ? etag(i, r) : etag(i, 0);
    }

    public static boolean deletedAtTwo(int i) {
        return i % 1000 == 999;
    }

    public static boolean addedAtTwo(int i) {
        return i % 1000 == 500;
    }

    /** The three manifest files, point 0 first; written on first use. */
    public static synchronized List<Path> chain() {
        if (chain == null) {
            try {
                Path dir = Files.createTempDirectory("drp-million");
                dir.toFile().deleteOnExit();
                List<Path> files = new ArrayList<>();
                String previous = null;
                for (int seq = 0; seq < 3; seq++) {
                    Path f = dir.resolve(BackupLayout.seqText(seq) + ".jsonl");
                    previous = write(f, seq, previous);
                    f.toFile().deleteOnExit();
                    files.add(f);
                }
                chain = List.copyOf(files);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return chain;
    }

    private static String sha(int i, int seq) {
        return String.format("%056x%08x", i, seq);
    }

    private static String write(Path file, int seq, String previousSha) throws IOException {
        ManifestHeader h = new ManifestHeader(ManifestHeader.FORMAT, CHAIN, seq, seq == 0 ? PointKind.FULL : PointKind.INCREMENTAL,
                WATERMARK.plusSeconds(3600L * seq), null, previousSha, List.of(CONTAINER), null, seq == 0 ? null : seq - 1);
        ManifestWriter w = new ManifestWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), h);
        for (int i = 0; i < OBJECTS; i++) {
            w.write(entry(i, seq));
            if (seq == 2 && addedAtTwo(i)) {
                w.write(new ManifestEntry(ManifestEntry.Op.PUT, CONTAINER, name(i) + "-n", SIZE, sha(i, 9), WATERMARK, "n" + i, 2));
            }
        }
        w.finish(WATERMARK.plusSeconds(3600L * seq + 60));
        return w.manifestSha256();
    }

    private static ManifestEntry entry(int i, int seq) {
        if (seq == 2 && deletedAtTwo(i)) return new ManifestEntry(ManifestEntry.Op.DELETE, CONTAINER, name(i), 0, null, null, null, 0);
        int r = i % 10;
        int dataSeq = r >= 1 && r <= seq ? r : 0;
        ManifestEntry.Op op = seq == 0 || dataSeq == seq ? ManifestEntry.Op.PUT : ManifestEntry.Op.KEEP;
        return new ManifestEntry(op, CONTAINER, name(i), SIZE, sha(i, dataSeq), WATERMARK, etag(i, dataSeq), dataSeq);
    }
}
