package io.drp.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestCacheTest {

    private static final Instant W = Instant.parse("2026-11-24T01:00:00Z");
    private static final String C1 = "c20261124T010000000Z";
    private static final String C2 = "c20261124T020000000Z";

    /** A stand-in for the manifest blob: serves fixed bytes at a fixed ETag and counts downloads. */
    private static final class Blob implements ManifestCache.Download {
        byte[] bytes;
        String etag;
        final AtomicInteger downloads = new AtomicInteger();

        Blob(byte[] bytes, String etag) {
            this.bytes = bytes;
            this.etag = etag;
        }

        @Override
        public String to(Path file) {
            downloads.incrementAndGet();
            try {
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return etag;
        }
    }

    private static byte[] manifest(int objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestWriter w = new ManifestWriter(out, new ManifestHeader(ManifestHeader.FORMAT, C1, 0, PointKind.FULL, W, null, null,
                List.of("orders")));
        for (int i = 0; i < objects; i++) {
            w.write(new ManifestEntry(ManifestEntry.Op.PUT, "orders", String.format("o%04d", i), 10, "a".repeat(64), W, "e" + i, 0));
        }
        w.finish(W.plusSeconds(5));
        return out.toByteArray();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aManifestIsDownloadedOnceAndServedFromTheCacheByLaterRuns(@TempDir Path tmp) {
        Blob blob = new Blob(manifest(3), "0x1");

        ManifestFile first = new ManifestCache(tmp).get(C1, 0, "0x1", blob);
        // a later backup or drill: a new process, same work directory
        ManifestFile second = new ManifestCache(tmp).get(C1, 0, "0x1", blob);

        assertEquals(1, blob.downloads.get());
        assertEquals(first.sha256(), second.sha256());
        assertEquals(3, second.trailer().liveObjects());
        assertEquals(W, second.header().watermark());
        assertEquals(W.plusSeconds(5), second.completedAt());
        try (Stream<ManifestEntry> s = second.entries()) {
            assertEquals(3, s.count());
        }
    }

    @Test
    void theCachedCopyIsNamedByItsSha256(@TempDir Path tmp) throws Exception {
        byte[] bytes = manifest(2);

        ManifestFile m = new ManifestCache(tmp).get(C1, 0, "0x1", new Blob(bytes, "0x1"));

        assertEquals(sha256(bytes), m.sha256());
        assertEquals(sha256(bytes) + ".jsonl", m.path().getFileName().toString());
        assertEquals(sha256(bytes), sha256(Files.readAllBytes(m.path())));
    }

    @Test
    void anUnchangedCachedFileIsTrustedWithoutRehashingItsBody(@TempDir Path tmp) throws Exception {
        // given a cached manifest whose body is then flipped in place, keeping its size and modification time
        Blob blob = new Blob(manifest(3), "0x1");
        Path file = new ManifestCache(tmp).get(C1, 0, "0x1", blob).path();
        FileTime mtime = Files.getLastModifiedTime(file);
        byte[] b = Files.readAllBytes(file);
        int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("o0001");
        b[at + 4] = '9';
        Files.write(file, b);
        Files.setLastModifiedTime(file, mtime);

        // when it is looked up again, it is neither downloaded nor hashed: a full validation would reject it
        ManifestFile again = new ManifestCache(tmp).get(C1, 0, "0x1", blob);

        assertEquals(1, blob.downloads.get());
        assertEquals(3, again.trailer().liveObjects());
        assertThrows(BackupError.class, () -> ManifestFile.open(file, C1 + "/000000"));
    }

    @Test
    void aCachedFileThatWasEditedIsValidatedAgainAndReplacedByADownload(@TempDir Path tmp) throws Exception {
        Blob blob = new Blob(manifest(3), "0x1");
        Path file = new ManifestCache(tmp).get(C1, 0, "0x1", blob).path();
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2)); // truncated by a full disk, say

        ManifestFile again = new ManifestCache(tmp).get(C1, 0, "0x1", blob);

        assertEquals(2, blob.downloads.get());
        assertEquals(sha256(blob.bytes), sha256(Files.readAllBytes(again.path())));
        assertEquals(3, ManifestFile.open(again.path(), C1 + "/000000").trailer().liveObjects());
    }

    @Test
    void aCachedFileTouchedButIntactIsRevalidatedWithoutADownload(@TempDir Path tmp) throws Exception {
        Blob blob = new Blob(manifest(3), "0x1");
        Path file = new ManifestCache(tmp).get(C1, 0, "0x1", blob).path();
        Files.setLastModifiedTime(file, FileTime.from(W));

        new ManifestCache(tmp).get(C1, 0, "0x1", blob);
        new ManifestCache(tmp).get(C1, 0, "0x1", blob);

        assertEquals(1, blob.downloads.get());
    }

    @Test
    void aBlobWithANewEtagIsDownloadedAgain(@TempDir Path tmp) {
        Blob blob = new Blob(manifest(3), "0x1");
        new ManifestCache(tmp).get(C1, 0, "0x1", blob);
        blob.bytes = manifest(4);
        blob.etag = "0x2";

        ManifestFile replaced = new ManifestCache(tmp).get(C1, 0, "0x2", blob);

        assertEquals(2, blob.downloads.get());
        assertEquals(4, replaced.trailer().liveObjects());
    }

    @Test
    void anUnknownEtagIsNeverServedFromTheCache(@TempDir Path tmp) {
        Blob blob = new Blob(manifest(3), "0x1");
        new ManifestCache(tmp).get(C1, 0, "0x1", blob);

        new ManifestCache(tmp).get(C1, 0, null, blob);

        assertEquals(2, blob.downloads.get());
    }

    @Test
    void anInvalidDownloadIsRejectedAndLeavesNothingCached(@TempDir Path tmp) throws Exception {
        String text = new String(manifest(3), StandardCharsets.UTF_8);
        Blob truncated = new Blob(text.substring(0, text.lastIndexOf("{\"type\":\"trailer\"")).getBytes(StandardCharsets.UTF_8), "0x1");

        BackupError e = assertThrows(BackupError.class, () -> new ManifestCache(tmp).get(C1, 0, "0x1", truncated));
        assertThrows(BackupError.class, () -> new ManifestCache(tmp).get(C1, 0, "0x1", truncated));

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(2, truncated.downloads.get(), "a rejected manifest must not be remembered as valid");
        try (Stream<Path> files = Files.walk(tmp)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }

    @Test
    void aManifestCachedForOnePointIsNotServedForAnother(@TempDir Path tmp) {
        Blob blob = new Blob(manifest(3), "0x1");
        new ManifestCache(tmp).get(C1, 0, "0x1", blob);

        // same ETag text on a different point: its own ref is missing, so it is downloaded and checked against its header
        BackupError e = assertThrows(BackupError.class, () -> new ManifestCache(tmp).get(C1, 1, "0x1", blob));

        assertTrue(e.getMessage().contains("header says point " + C1 + "/000000"), e.getMessage());
    }

    @Test
    void forgettingAPrunedChainRemovesItsManifestsAndOnlyThose(@TempDir Path tmp) throws Exception {
        ManifestCache cache = new ManifestCache(tmp);
        Path pruned = cache.get(C1, 0, "0x1", new Blob(manifest(3), "0x1")).path();
        Path kept = cache.get(C2, 0, "0x9", new Blob(manifestOf(C2, 2), "0x9")).path();

        cache.forget(C1);

        assertTrue(Files.notExists(pruned));
        assertTrue(Files.exists(kept));
        Blob again = new Blob(manifest(3), "0x1");
        new ManifestCache(tmp).get(C1, 0, "0x1", again);
        assertEquals(1, again.downloads.get(), "a forgotten manifest is downloaded again if asked for");
    }

    private static byte[] manifestOf(String chain, int objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestWriter w = new ManifestWriter(out, new ManifestHeader(ManifestHeader.FORMAT, chain, 0, PointKind.FULL, W, null, null,
                List.of("orders")));
        for (int i = 0; i < objects; i++) {
            w.write(new ManifestEntry(ManifestEntry.Op.PUT, "orders", String.format("o%04d", i), 10, "a".repeat(64), W, "e" + i, 0));
        }
        w.finish(W.plusSeconds(5));
        return out.toByteArray();
    }
}
