package io.drp.backup;

import io.drp.config.BackupConfig;
import io.drp.progress.Progress;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.RecordedVersioning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Version mode on recorded service responses (Azurite has no blob versioning): production's container is answered
 * from a recording, the backup container is a real Azurite. The point holds, for each object, the version that was
 * current at the watermark, whatever came after; the recording answers nothing but version reads, so a copy of
 * the current blob would fail.
 */
@ExtendWith(Azurite.class)
class VersionPointIT {

    private static final Instant WATERMARK = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void aVersionPointHoldsEachObjectAsItWasAtTheWatermark(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        RecordedVersioning recording = new RecordedVersioning(StorageConnector.defaultHttpClient(), "drpprod");
        StorageSession s = StorageSession.ofEmulator(azurite, new StorageConnector(StorageConnector.defaultRetryOptions(), recording));
        StorageAccount prod = s.connector().openReadOnly("production", s.accounts().production());
        BackupConfig c = f.config.backup();
        BackupConfig versions = new BackupConfig(c.container(), c.fullEvery(), null, c.retainChains(), 2, BackupConfig.Consistency.VERSION);

        BackupResult full = job(prod, f, versions, WATERMARK, tmp).run(BackupJob.Mode.FULL);

        // a.txt was rewritten after the watermark, c.txt created after it, d.txt deleted; e.css's newer version came later
        Map<String, ManifestEntry> point = live(f, full);
        assertEquals(List.of("a.txt", "b.json", "e.css"), List.copyOf(point.keySet()));
        assertBytes(f, full, point.get("a.txt"), RecordedVersioning.body("a.txt", "2026-11-30T10:00:00.0000000Z"));
        assertBytes(f, full, point.get("b.json"), RecordedVersioning.body("b.json", "2026-11-30T11:00:00.0000000Z"));
        assertBytes(f, full, point.get("e.css"), RecordedVersioning.body("e.css", "2026-11-30T09:00:00.0000000Z"));
        assertEquals("text/plain; charset=utf-8", point.get("a.txt").attributes().contentType());
        assertEquals("billing", point.get("a.txt").attributes().metadata().get("Owner"));
        assertEquals(Map.of("state", "draft"), point.get("a.txt").attributes().tags(), "the tags of the version at the watermark");
        assertEquals("417", point.get("e.css").attributes().metadata().get("Build"));
        assertTrue(full.notes().contains("exact point: each object's version current at the watermark"), full.notes().toString());
        List<String> reads = recording.answered().stream().filter(r -> r.startsWith("GET /drpprod/" + RecordedVersioning.CONTAINER + "/")).toList();
        assertEquals(3, reads.size(), reads.toString());
        assertTrue(reads.stream().allMatch(r -> r.contains("versionid=")), "every read names its version: " + reads);

        // an hour and a half later: the newer a.txt and the new c.txt are copied, b.json is kept, and e.css, whose
        // newest version is older than the watermark with no current one, counts as deleted (when is not listed)
        BackupResult next = job(prod, f, versions, WATERMARK.plusSeconds(5400), tmp).run(BackupJob.Mode.INCREMENTAL);
        Map<String, ManifestEntry> later = live(f, next);
        assertEquals(List.of("a.txt", "b.json", "c.txt"), List.copyOf(later.keySet()));
        assertEquals(2, next.point().puts());
        assertEquals(1, next.point().deletes());
        assertEquals("version", new BackupCatalog(f.backupWritable.container(f.config.backup().container()), tmp.resolve("trailer"))
                .manifest(next.point().chainId(), next.point().seq()).trailer().consistency(), "the manifest records how it was taken");
        assertBytes(f, next, later.get("a.txt"), RecordedVersioning.body("a.txt", "2026-11-30T13:00:00.0000000Z"));
        assertEquals(0, later.get("b.json").dataSeq(), "b.json's bytes stay in the full point");
    }

    private static BackupJob job(StorageAccount prod, DrillFixture f, BackupConfig cfg, Instant watermark, Path tmp) {
        return new BackupJob(prod, f.backupWritable, cfg, List.of(RecordedVersioning.CONTAINER), Clock.fixed(watermark, ZoneOffset.UTC),
                tmp.resolve("cache"), Progress.NONE);
    }

    private static Map<String, ManifestEntry> live(DrillFixture f, BackupResult r) {
        try (var entries = new BackupCatalog(f.backupWritable.container(f.config.backup().container()), f.workDir.resolve("read"))
                .manifest(r.point().chainId(), r.point().seq()).entries()) {
            return entries.filter(ManifestEntry::live).collect(Collectors.toMap(ManifestEntry::name, e -> e, (a, b) -> a, java.util.TreeMap::new));
        }
    }

    private static void assertBytes(DrillFixture f, BackupResult r, ManifestEntry e, byte[] expected) {
        byte[] stored = f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.dataBlob(r.point().chainId(), e.dataSeq(), e.container(), e.name())).downloadContent().toBytes();
        assertArrayEquals(expected, stored, e.name());
        assertEquals(DrillFixture.sha256(expected), e.sha256(), e.name());
    }
}
