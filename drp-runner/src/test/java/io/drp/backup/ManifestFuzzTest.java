package io.drp.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutated manifests: every input must be accepted unchanged or rejected with a {@link BackupError} naming
 * the point. Byte-level mutations of a hashed manifest must never be accepted as different content.
 */
class ManifestFuzzTest {

    @Test
    void mutatedManifestsAreRejectedCleanlyAndNeverMisread(@TempDir Path tmp) throws Exception {
        byte[] valid = sample();
        Path f = tmp.resolve("m.jsonl");
        Random random = new Random(42);
        int accepted = 0, rejected = 0;
        int iterations = 3000;
        for (int i = 0; i < iterations; i++) {
            byte[] input = mutate(valid, random);
            Files.write(f, input);
            try {
                ManifestFile m = ManifestFile.open(f, "c1/000001");
                try (Stream<ManifestEntry> s = m.entries()) {
                    long n = s.count();
                    assertEquals(m.trailer().entries(), n);
                }
                // only a mutation that left the bytes equal may be accepted
                assertTrue(java.util.Arrays.equals(input, valid), "a changed manifest was accepted at input #" + i);
                accepted++;
            } catch (BackupError e) {
                rejected++;
                assertEquals("c1/000001", e.pointId());
            } catch (Throwable t) {
                fail("input #" + i + " crashed the manifest reader with " + t);
            }
        }
        System.out.printf("[figures] manifest fuzz: %d inputs, %d accepted (unchanged bytes), %d rejected naming the point, 0 crashes%n",
                iterations, accepted, rejected);
        assertTrue(rejected > iterations * 0.9);
    }

    private static byte[] sample() {
        Instant w = Instant.parse("2026-11-24T01:00:00Z");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ManifestWriter writer = new ManifestWriter(out, new ManifestHeader(ManifestHeader.FORMAT, "c1", 1, PointKind.INCREMENTAL, w,
                null, "c".repeat(64), List.of("a", "b")));
        for (int i = 0; i < 30; i++) {
            ManifestEntry.Op op = ManifestEntry.Op.values()[i % 3];
            writer.write(op == ManifestEntry.Op.DELETE
                    ? new ManifestEntry(op, "a", String.format("n%03d", i), 0, null, null, null, 0)
                    : new ManifestEntry(op, "a", String.format("n%03d", i), i * 10L, Integer.toHexString(i % 16).repeat(64), w, "0x" + i,
                    op == ManifestEntry.Op.PUT ? 1 : 0));
        }
        writer.finish(w.plusSeconds(1));
        return out.toByteArray();
    }

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        switch (r.nextInt(5)) {
            case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
            case 2 -> {
                int p = r.nextInt(b.length);
                b[p] = (byte) r.nextInt(256);
            }
            case 3 -> {
                String s = new String(b, java.nio.charset.StandardCharsets.UTF_8);
                String[] lines = s.split("\n");
                int a = r.nextInt(lines.length), c = r.nextInt(lines.length);
                String t = lines[a];
                lines[a] = lines[c];
                lines[c] = t;
                b = (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            default -> {
                byte[] junk = new byte[r.nextInt(64)];
                r.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                int p = r.nextInt(b.length);
                System.arraycopy(b, 0, out, 0, p);
                System.arraycopy(junk, 0, out, p, junk.length);
                System.arraycopy(b, p, out, p + junk.length, b.length - p);
                b = out;
            }
        }
        return b;
    }
}
