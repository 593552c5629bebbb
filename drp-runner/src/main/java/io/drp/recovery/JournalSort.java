package io.drp.recovery;

import io.drp.listing.ObjectKey;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Brings the resume journal into plan order on disk, in bounded memory: the log's new lines are sorted in
 * chunks of {@link #CHUNK} lines into run files, which are merged with the previous sorted view. When one copy
 * was journalled twice (a resumed run recopied it), the later line wins, because it names the ETag the object
 * has now. Memory is one chunk plus one reader per run, whatever the journal's length.
 */
final class JournalSort {

    static final int CHUNK = 50_000;
    /** Runs merged at once; more runs are merged in several passes so open files stay bounded too. */
    static final int FAN_IN = 32;

    /** One journal line: the copy (object and the point its bytes came from) and the ETag its commit produced. */
    record Line(ObjectKey key, int seq, String etag) {

        static final Comparator<Line> PLAN_ORDER = Comparator.comparing(Line::key).thenComparingInt(Line::seq);

        /**
         * Parses {@code etag TAB seq SPACE container/name} with the name {@link JournalKeys#escape escaped}; null for
         * anything else (a garbled line is ignored).
         */
        static Line parse(String text) {
            int tab = text.indexOf('\t');
            if (tab <= 0) return null;
            return ofKey(JournalKeys.unescape(text.substring(tab + 1)), text.substring(0, tab));
        }

        /** Parses a journal key ({@code seq SPACE container/name}); null when it is not one. */
        static Line ofKey(String key, String etag) {
            int sp = key.indexOf(' ');
            int slash = key.indexOf('/', sp + 1);
            if (sp <= 0 || slash < 0) return null;
            try {
                int seq = Integer.parseInt(key, 0, sp, 10);
                return new Line(new ObjectKey(key.substring(sp + 1, slash), key.substring(slash + 1)), seq, etag);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** The line as stored: the name escaped, so a CR or LF in a blob name cannot split it. */
        String text() {
            return etag + '\t' + JournalKeys.escape(RestoreJournal.key(seq, key.path()));
        }
    }

    private JournalSort() {}

    /**
     * Writes {@code view}: the lines of {@code oldView} (already sorted; may be absent) and the log's bytes from
     * {@code from} to {@code to}, in plan order, one line per copy.
     */
    static void update(Path log, long from, long to, Path view) throws IOException {
        List<Path> runs = new ArrayList<>();
        Path dir = view.toAbsolutePath().getParent();
        try {
            if (Files.exists(view)) runs.add(view);
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
                ch.position(from);
                InputStream in = new BoundedStream(Channels.newInputStream(ch), to - from);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
                List<Line> chunk = new ArrayList<>();
                for (String s = r.readLine(); s != null; s = r.readLine()) {
                    Line l = Line.parse(s);
                    if (l != null) chunk.add(l);
                    if (chunk.size() == CHUNK) runs.add(writeRun(chunk, dir));
                }
                if (!chunk.isEmpty()) runs.add(writeRun(chunk, dir));
            }
            while (runs.size() > FAN_IN) {
                List<Path> first = runs.subList(0, FAN_IN);
                Path merged = Files.createTempFile(dir, "journal-", ".run");
                merge(first, merged);
                deleteRuns(first, view);
                first.clear();
                runs.add(0, merged);
            }
            Path tmp = Files.createTempFile(dir, "journal-", ".view");
            merge(runs, tmp);
            Files.move(tmp, view, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteRuns(runs, view);
        }
    }

    private static void deleteRuns(List<Path> runs, Path view) throws IOException {
        for (Path p : runs) if (!p.equals(view)) Files.deleteIfExists(p);
    }

    private static Path writeRun(List<Line> chunk, Path dir) throws IOException {
        chunk.sort(Line.PLAN_ORDER); // stable: of two lines for one copy, the later stays last
        Path run = Files.createTempFile(dir, "journal-", ".run");
        try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
            for (int i = 0; i < chunk.size(); i++) {
                if (i + 1 < chunk.size() && Line.PLAN_ORDER.compare(chunk.get(i), chunk.get(i + 1)) == 0) continue;
                w.write(chunk.get(i).text());
                w.write('\n');
            }
        }
        chunk.clear();
        return run;
    }

    /** A run's reader and its current line; older runs come first, so on a tie the highest index is newest. */
    private record Head(int run, Line line, BufferedReader reader) {
        Head next() throws IOException {
            for (String s = reader.readLine(); s != null; s = reader.readLine()) {
                Line l = Line.parse(s);
                if (l != null) return new Head(run, l, reader);
            }
            return null;
        }
    }

    private static void merge(List<Path> runs, Path out) throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>(
                Comparator.comparing(Head::line, Line.PLAN_ORDER).thenComparingInt(Head::run));
        List<BufferedReader> readers = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < runs.size(); i++) {
                BufferedReader r = Files.newBufferedReader(runs.get(i), StandardCharsets.UTF_8);
                readers.add(r);
                Head h = new Head(i, null, r).next();
                if (h != null) heads.add(h);
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                Line newest = h.line();
                advance(h, heads);
                while (!heads.isEmpty() && Line.PLAN_ORDER.compare(heads.peek().line(), newest) == 0) {
                    Head dup = heads.poll();
                    newest = dup.line();
                    advance(dup, heads);
                }
                w.write(newest.text());
                w.write('\n');
            }
        } finally {
            for (BufferedReader r : readers) r.close();
        }
    }

    private static void advance(Head h, PriorityQueue<Head> heads) throws IOException {
        Head n = h.next();
        if (n != null) heads.add(n);
    }

    /** The log's bytes up to where the sort started: lines appended meanwhile belong to the next update. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = in.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }
}
