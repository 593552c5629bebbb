package io.drp.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.drp.digest.Sha256;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A manifest downloaded to local disk and validated end to end before anything uses it: header first,
 * entries parseable and sorted, trailer last with matching counts and body hash. Validation streams the
 * file once; {@link #entries()} streams it again. Neither holds the listing in memory.
 */
public final class ManifestFile {

    private final Path file;
    private final ManifestHeader header;
    private final ManifestTrailer trailer;
    private final Instant completedAt;
    private final String sha256;

    private ManifestFile(Path file, ManifestHeader header, ManifestTrailer trailer, Instant completedAt, String sha256) {
        this.file = file;
        this.header = header;
        this.trailer = trailer;
        this.completedAt = completedAt;
        this.sha256 = sha256;
    }

    /**
     * @param pointId what the caller believes this point is, for messages and for checking the header
     * @throws BackupError naming the point and line when the manifest is truncated, edited or malformed
     */
    public static ManifestFile open(Path file, String pointId) {
        MessageDigest whole = Sha256.newDigest();
        MessageDigest body = Sha256.newDigest();
        ManifestHeader header = null;
        ManifestTrailer trailer = null;
        Instant completedAt = null;
        long lineNo = 0;
        long entries = 0, live = 0, liveBytes = 0, puts = 0, putBytes = 0, deletes = 0;
        String lastC = null, lastN = null;
        java.util.Set<String> headerContainers = java.util.Set.of();
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(
                new DigestInputStream(Files.newInputStream(file), whole), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                ManifestCodec.Where where = new ManifestCodec.Where(pointId, lineNo);
                if (trailer != null) {
                    throw where.bad("follows the trailer; the manifest was edited");
                }
                JsonNode n = ManifestCodec.parse(line, where);
                String type = ManifestCodec.type(n, where);
                if (header == null) {
                    if (!type.equals("header")) throw where.bad("should be the manifest header");
                    header = ManifestCodec.readHeader(n, where);
                    headerContainers = java.util.Set.copyOf(header.containers());
                    if (pointId != null && !header.pointId().equals(pointId)) {
                        throw where.bad("header says point " + header.pointId() + "; the manifest was moved or replaced");
                    }
                    body.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                switch (type) {
                    case "object" -> {
                        ManifestEntry e = ManifestCodec.readEntry(n, where);
                        if (lastC != null && ManifestEntry.compareKeys(lastC, lastN, e.container(), e.name()) >= 0) {
                            throw where.bad("object " + e.path() + " is out of order; the manifest was edited");
                        }
                        if (e.live() && !headerContainers.contains(e.container())) {
                            // a restore writes where entries say: one outside the point's declared scope is refused,
                            // signed or not (a deletion writes nothing, and old chains carry them for dropped containers)
                            throw new UntrustedPointError(pointId, "manifest line " + lineNo + ": object " + e.path() + " is in container '"
                                    + e.container() + "', which the point's header does not list; drp did not write this manifest,"
                                    + " so it is refused and nothing of it is restored");
                        }
                        if (e.live() && e.dataSeq() > header.seq()) {
                            throw where.bad("object " + e.path() + " refers to a later point");
                        }
                        lastC = e.container();
                        lastN = e.name();
                        entries++;
                        if (e.op() == ManifestEntry.Op.PUT) {
                            puts++;
                            putBytes += e.size();
                        }
                        if (e.live()) {
                            live++;
                            liveBytes += e.size();
                        } else {
                            deletes++;
                        }
                        body.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    case "trailer" -> {
                        trailer = ManifestCodec.readTrailer(n, where);
                        completedAt = ManifestCodec.completedAt(n, where);
                    }
                    default -> throw where.bad("has unknown type '" + type + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.io.UncheckedIOException e) {
            // malformed UTF-8 surfaces as MalformedInputException
            throw new BackupError(pointId, "manifest is not UTF-8 text at line " + (lineNo + 1));
        }
        if (header == null) {
            throw new BackupError(pointId, "manifest is empty");
        }
        if (trailer == null) {
            throw new BackupError(pointId, "manifest is truncated after line " + lineNo + " (no trailer); the backup did not complete or the file was cut");
        }
        String bodyHash = Sha256.hex(body);
        if (!bodyHash.equals(trailer.bodySha256())) {
            throw new BackupError(pointId, "manifest body hash does not match its trailer; the manifest was altered");
        }
        if (trailer.entries() != entries || trailer.liveObjects() != live || trailer.liveBytes() != liveBytes
                || trailer.puts() != puts || trailer.putBytes() != putBytes || trailer.deletes() != deletes) {
            throw new BackupError(pointId, "manifest counts do not match its trailer; the manifest was altered");
        }
        if (header.kind() == PointKind.FULL && (deletes > 0 || puts != entries)) {
            throw new BackupError(pointId, "a full snapshot may only hold PUT entries");
        }
        return new ManifestFile(file, header, trailer, completedAt, Sha256.hex(whole));
    }

    /**
     * Reopens a manifest that {@link #open} validated earlier and whose file is unchanged since (the cache checks
     * that): reads only its first and last lines, so a 1,000,000-entry manifest costs two small reads, not a re-hash.
     *
     * @param sha256 the whole-file hash recorded when it was validated
     * @throws BackupError when the first line is not this point's header or the last line is not a trailer
     */
    static ManifestFile reopen(Path file, String pointId, String sha256) {
        try {
            ManifestCodec.Where first = new ManifestCodec.Where(pointId, 1);
            String headLine;
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                headLine = r.readLine();
            }
            if (headLine == null) throw new BackupError(pointId, "manifest is empty");
            JsonNode h = ManifestCodec.parse(headLine, first);
            if (!"header".equals(ManifestCodec.type(h, first))) throw first.bad("should be the manifest header");
            ManifestHeader header = ManifestCodec.readHeader(h, first);
            if (pointId != null && !header.pointId().equals(pointId)) {
                throw first.bad("header says point " + header.pointId() + "; the manifest was moved or replaced");
            }
            ManifestCodec.Where last = new ManifestCodec.Where(pointId, -1);
            JsonNode t = ManifestCodec.parse(lastLine(file), last);
            if (!"trailer".equals(ManifestCodec.type(t, last))) throw last.bad("should be the manifest trailer");
            return new ManifestFile(file, header, ManifestCodec.readTrailer(t, last), ManifestCodec.completedAt(t, last), sha256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last line without its newline; the trailer is a few hundred bytes, so the tail of the file is read. */
    private static String lastLine(Path file) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int tail = (int) Math.min(len, 64 * 1024);
            byte[] b = new byte[tail];
            f.seek(len - tail);
            f.readFully(b);
            int end = tail;
            if (end > 0 && b[end - 1] == '\n') end--;
            int start = end;
            while (start > 0 && b[start - 1] != '\n') start--;
            return new String(b, start, end - start, StandardCharsets.UTF_8);
        }
    }

    public ManifestHeader header() {
        return header;
    }

    public ManifestTrailer trailer() {
        return trailer;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public String sha256() {
        return sha256;
    }

    public Path path() {
        return file;
    }

    public String pointId() {
        return header.pointId();
    }

    /** Streams the entries in manifest order. Close the stream (try-with-resources). */
    public Stream<ManifestEntry> entries() {
        BufferedReader r;
        try {
            r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<ManifestEntry> it = new Iterator<>() {
            long lineNo = 0;
            ManifestEntry next = advance();

            private ManifestEntry advance() {
                try {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lineNo++;
                        ManifestCodec.Where where = new ManifestCodec.Where(pointId(), lineNo);
                        JsonNode n = ManifestCodec.parse(line, where);
                        if ("object".equals(ManifestCodec.type(n, where))) {
                            return ManifestCodec.readEntry(n, where);
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ManifestEntry next() {
                if (next == null) throw new NoSuchElementException();
                ManifestEntry cur = next;
                next = advance();
                return cur;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        r.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
