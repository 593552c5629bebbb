package io.drp.backup;

import io.drp.config.BackupConfig;
import io.drp.progress.Progress;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.RecordingHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the catalog and retention ask of the backup account, counted and ordered on the wire. */
@ExtendWith(Azurite.class)
class CatalogStorageIT {

    private final RecordingHttpClient wire = new RecordingHttpClient(StorageConnector.defaultHttpClient());

    private StorageAccount recordedBackup(AzuriteEmulator azurite) {
        StorageSession s = StorageSession.ofEmulator(azurite, new StorageConnector(StorageConnector.defaultRetryOptions(), wire));
        return s.connector().open("backup", s.accounts().backup());
    }

    private static boolean manifestDownload(String request) {
        return request.startsWith("GET ") && request.contains("/" + BackupLayout.MANIFEST) && !request.contains("comp=list");
    }

    @Test
    void laterPlansReadEveryManifestFromTheCacheWithoutDownloadingIt(AzuriteEmulator azurite, @TempDir Path tmp) {
        // given a chain of a full snapshot and two incrementals
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "a.txt", "one");
        f.backup(BackupJob.Mode.INCREMENTAL);
        f.data().put(f.orders(), "b.txt", "two");
        f.backup(BackupJob.Mode.INCREMENTAL);
        var container = recordedBackup(azurite).container(f.config.backup().container());
        Path cache = tmp.resolve("cache");

        // when two runs plan from the same work directory
        RestorePlan first = new BackupCatalog(container, cache).plan(Instant.now(), new ArrayList<>()).orElseThrow();
        long firstDownloads = wire.count(CatalogStorageIT::manifestDownload);
        wire.clear();
        RestorePlan second = new BackupCatalog(container, cache).plan(Instant.now(), new ArrayList<>()).orElseThrow();

        // then the first downloaded each manifest once, the second none, and both chose the same validated point
        assertEquals(3, first.points().size());
        assertTrue(firstDownloads >= 3, "the first run downloads the three manifests: " + firstDownloads);
        assertEquals(0, wire.count(CatalogStorageIT::manifestDownload), wire.requests().toString());
        assertEquals(0, wire.count(r -> r.startsWith("HEAD ")), "no per-point probe: " + wire.requests());
        assertEquals(first.recoveryPoint().sha256(), second.recoveryPoint().sha256());
    }

    @Test
    void retentionDeletesEveryManifestBeforeAnyDataAndDeletesWhileItLists(AzuriteEmulator azurite, @TempDir Path tmp) {
        // given two chains of 12 objects, the older with an incremental, and retention of one chain
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(4);
        BackupConfig cfg = f.config.backup();
        StorageAccount prod = f.session.connector().openReadOnly("production", f.session.accounts().production());
        Instant t = Instant.now().minus(Duration.ofHours(2));
        BackupJob old = new BackupJob(prod, f.backupWritable, cfg, f.containers(), Clock.fixed(t, java.time.ZoneOffset.UTC), tmp.resolve("c"), Progress.NONE);
        String doomed = old.run(BackupJob.Mode.FULL).point().chainId();
        f.data().put(f.orders(), "x.txt", "x");
        new BackupJob(prod, f.backupWritable, cfg, f.containers(), Clock.fixed(t.plusSeconds(60), java.time.ZoneOffset.UTC), tmp.resolve("c"),
                Progress.NONE).run(BackupJob.Mode.INCREMENTAL);
        new BackupJob(prod, f.backupWritable, cfg, f.containers(), Clock.fixed(t.plusSeconds(120), java.time.ZoneOffset.UTC), tmp.resolve("c"),
                Progress.NONE).run(BackupJob.Mode.FULL);
        var container = recordedBackup(azurite).container(cfg.container());
        BackupCatalog catalog = new BackupCatalog(container, tmp.resolve("c2"));
        wire.clear();

        // when retention runs with listing pages of 3 blobs
        List<String> notes = new ArrayList<>();
        List<String> pruned = new RetentionPruner(catalog, container, 1, Duration.ofDays(90), 3).prune(Instant.now(), notes);

        // then the older chain went: its manifests first, point 0 first, and data deletes between listing pages
        assertEquals(List.of(doomed), pruned, notes.toString());
        List<String> deletes = wire.requests().stream().filter(r -> r.startsWith("DELETE ")).toList();
        String chainPath = "/" + BackupLayout.CHAINS + doomed + "/";
        assertTrue(deletes.get(0).contains(chainPath + BackupLayout.seqText(0) + "/" + BackupLayout.MANIFEST), deletes.toString());
        assertTrue(deletes.get(1).contains(chainPath + BackupLayout.seqText(1) + "/" + BackupLayout.MANIFEST), deletes.toString());
        assertFalse(deletes.subList(2, deletes.size()).stream().anyMatch(r -> r.contains(BackupLayout.MANIFEST)), deletes.toString());
        assertTrue(deletes.size() >= 2 + 12, "both manifests and every data blob: " + deletes.size());
        List<String> all = wire.requests();
        int firstDataDelete = all.indexOf(deletes.get(2));
        int lastListing = 0;
        for (int i = 0; i < all.size(); i++) if (all.get(i).contains("comp=list") && all.get(i).contains("maxresults=3")) lastListing = i;
        assertTrue(firstDataDelete < lastListing, "data deletes start before the listing ends, so nothing is collected first");
        assertEquals(List.of(), catalog.chains().stream().filter(c -> c.chainId().equals(doomed)).toList());
    }
}
