package io.drp.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestFileTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    private static final Instant W = Instant.parse("2026-11-24T01:00:00Z");

    private static byte[] incremental() {
        return incremental(null);
    }

    private static byte[] incremental(String consistency) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestWriter w = new ManifestWriter(out, new ManifestHeader(ManifestHeader.FORMAT, "c1", 1, PointKind.INCREMENTAL, W, null,
                "c".repeat(64), List.of("invoices", "orders")));
        w.write(new ManifestEntry(ManifestEntry.Op.KEEP, "invoices", "a.txt", 10, SHA_A, W, "e1", 0));
        w.write(new ManifestEntry(ManifestEntry.Op.DELETE, "invoices", "b.txt", 0, null, null, null, 0));
        w.write(new ManifestEntry(ManifestEntry.Op.PUT, "orders", "x.json", 20, SHA_B, W, "e2", 1));
        w.finish(W.plusSeconds(5), consistency);
        return out.toByteArray();
    }

    @Test
    void writtenManifestReadsBackWithCountsAndEntriesInOrder(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m.jsonl");
        Files.write(f, incremental());

        ManifestFile m = ManifestFile.open(f, "c1/000001");

        assertEquals(2, m.trailer().liveObjects());
        assertEquals(30, m.trailer().liveBytes());
        assertEquals(1, m.trailer().deletes());
        assertEquals(W.plusSeconds(5), m.completedAt());
        try (Stream<ManifestEntry> s = m.entries()) {
            assertEquals(List.of("invoices/a.txt", "invoices/b.txt", "orders/x.json"), s.map(ManifestEntry::path).toList());
        }
    }

    @Test
    void theTrailerRecordsHowThePointWasTakenAndOlderManifestsReadAsNotRecorded(@TempDir Path tmp) throws Exception {
        Path snap = tmp.resolve("snap.jsonl");
        Files.write(snap, incremental("snapshot"));
        Path old = tmp.resolve("old.jsonl");
        Files.write(old, incremental(null));

        assertEquals("snapshot", ManifestFile.open(snap, "c1/000001").trailer().consistency());
        assertNull(ManifestFile.open(old, "c1/000001").trailer().consistency());
        assertFalse(new String(incremental(null), StandardCharsets.UTF_8).contains("consistency"), "no field written when unknown");
    }

    @Test
    void anUnknownConsistencyIsRefusedNamingTheField(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m.jsonl");
        Files.writeString(f, new String(incremental("fuzzy"), StandardCharsets.UTF_8).replace("\"consistency\":\"fuzzy\"", "\"consistency\":\"exact\""));

        BackupError e = assertThrows(BackupError.class, () -> ManifestFile.open(f, "c1/000001"));
        assertTrue(e.getMessage().contains("'consistency'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ManifestWriter(new ByteArrayOutputStream(), new ManifestHeader(
                ManifestHeader.FORMAT, "c1", 0, PointKind.FULL, W, null, null, List.of("orders"))).finish(W, "exact"));
    }

    @Test
    void truncatedManifestIsRejectedNamingThePoint(@TempDir Path tmp) throws Exception {
        String text = new String(incremental(), StandardCharsets.UTF_8);
        Path f = tmp.resolve("m.jsonl");
        Files.writeString(f, text.substring(0, text.lastIndexOf("{\"type\":\"trailer\"")));

        BackupError e = assertThrows(BackupError.class, () -> ManifestFile.open(f, "c1/000001"));

        assertEquals("c1/000001", e.pointId());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void cutMidLineIsUnparsableNotACrash(@TempDir Path tmp) throws Exception {
        byte[] b = incremental();
        Path f = tmp.resolve("m.jsonl");
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));

        BackupError e = assertThrows(BackupError.class, () -> ManifestFile.open(f, "c1/000001"));
        assertTrue(e.getMessage().contains("manifest line"), e.getMessage());
    }

    @Test
    void editedEntryIsDetectedByTheBodyHash(@TempDir Path tmp) throws Exception {
        String text = new String(incremental(), StandardCharsets.UTF_8).replace("\"size\":20", "\"size\":21");
        Path f = tmp.resolve("m.jsonl");
        Files.writeString(f, text);

        BackupError e = assertThrows(BackupError.class, () -> ManifestFile.open(f, "c1/000001"));
        assertTrue(e.getMessage().contains("altered"), e.getMessage());
    }

    @Test
    void manifestMovedToAnotherPointIsDetected(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m.jsonl");
        Files.write(f, incremental());
        BackupError e = assertThrows(BackupError.class, () -> ManifestFile.open(f, "c1/000002"));
        assertTrue(e.getMessage().contains("moved or replaced"), e.getMessage());
    }

    @Test
    void writerRefusesEntriesOutOfOrder() {
        ManifestWriter w = new ManifestWriter(new ByteArrayOutputStream(), new ManifestHeader(ManifestHeader.FORMAT, "c1", 0,
                PointKind.FULL, W, null, null, List.of("orders")));
        w.write(new ManifestEntry(ManifestEntry.Op.PUT, "orders", "b", 1, SHA_A, W, "e", 0));
        assertThrows(BackupError.class, () -> w.write(new ManifestEntry(ManifestEntry.Op.PUT, "orders", "a", 1, SHA_A, W, "e", 0)));
    }
}
