package io.drp.backup;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chain ids come from a listing of the backup container, which anyone with write access there can extend. A
 * prefix drp did not name is not a chain: it does not count toward retainChains (where it once pushed the real,
 * newest-but-one chain out), it is never deleted, planned or cached.
 */
@ExtendWith(Azurite.class)
class ForeignChainPrefixIT {

    private static Set<String> names(BlobContainerClient c) {
        Set<String> out = new TreeSet<>();
        for (BlobItem b : c.listBlobs()) out.add(b.getName());
        return out;
    }

    @Test
    void bogusChainPrefixesNeitherCountTowardRetentionNorGetDeleted(AzuriteEmulator azurite, @TempDir Path tmp) {
        // given one real chain and, written by someone else, prefixes that sort after it as "newer chains"
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        String real = f.backup(BackupJob.Mode.FULL).point().chainId();
        BlobContainerClient backup = f.backupWritable.container(f.config.backup().container());
        List<String> bogus = List.of("chains/zz-not-drp/000000/manifest.jsonl", "chains/zz-not-drp/000000/data/orders/x",
                "chains/c99999999T99999999Z/000000/manifest.jsonl", "chains/" + real + "x/000001/manifest.jsonl",
                "chains/" + real + "/-00001/manifest.jsonl", "chains/" + real + "/+00001/manifest.jsonl");
        for (String b : bogus) backup.getBlobClient(b).upload(BinaryData.fromString("not a manifest"), true);
        Set<String> before = names(backup);

        // when retention keeps one chain
        BackupCatalog catalog = new BackupCatalog(backup, tmp.resolve("cache"));
        List<String> notes = new ArrayList<>();
        List<String> pruned = new RetentionPruner(catalog, backup, 1, Duration.ofDays(90)).prune(Instant.now(), notes);

        // then nothing was deleted: the real chain is the only chain, the foreign blobs are drp's to leave alone
        assertEquals(List.of(), pruned, notes.toString());
        assertEquals(before, names(backup));
        assertEquals(List.of(real), catalog.chains().stream().map(BackupCatalog.ChainListing::chainId).toList());
        assertEquals(Set.of(0), catalog.chains().get(0).complete(), "the signed-looking +1 and -1 points are not points");
        assertTrue(notes.stream().anyMatch(n -> n.contains("chains/zz-not-drp/")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.contains("chains/" + real + "/-00001/")), notes.toString());
        assertEquals(real + "/000000", catalog.plan(Instant.now(), new ArrayList<>()).orElseThrow().recoveryPoint().pointId());
    }
}
