package io.drp.status;

import io.drp.backup.BackupCatalog;
import io.drp.backup.BackupJob;
import io.drp.backup.BackupLayout;
import io.drp.backup.BackupPoint;
import io.drp.ledger.LedgerRecord;
import io.drp.model.Verdict;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code drp status}'s reading of a real backup container: the newest point, a broken link, an incomplete point. */
@ExtendWith(Azurite.class)
class StatusIT {

    @Test
    void readsTheNewestPointThenSeesABrokenLinkAndAnIncompletePoint(AzuriteEmulator emulator, @TempDir Path tmp) {
        // given a chain of three points
        DrillFixture f = new DrillFixture(emulator, tmp);
        f.data().seed(12);
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "late-1.txt", "one");
        BackupPoint p1 = f.backup(BackupJob.Mode.INCREMENTAL).point();
        f.data().put(f.orders(), "late-2.txt", "two");
        BackupPoint p2 = f.backup(BackupJob.Mode.INCREMENTAL).point();
        var container = f.session.connector().openReadOnly("backup", f.session.accounts().backup()).container(f.config.backup().container());
        BackupCatalog catalog = new BackupCatalog(container, tmp.resolve("cache"));
        Instant now = Instant.now();
        LedgerRecord drill = new LedgerRecord(1, "d1", Verdict.PASSED, "level-3", now.minusSeconds(60), now, 1.0, 1.0, p2.pointId(),
                "a", "b", "c", "drill", null);

        // when status reads it, then the newest point is the last incremental and everything is healthy
        BackupFacts intact = BackupFactsReader.read(catalog, now);
        assertEquals(p2.pointId(), intact.newestPoint());
        assertEquals(p2.watermark(), intact.watermark());
        RecoveryStatus ok = StatusEvaluator.evaluate(f.config.services(), intact, List.of(drill), Duration.ofDays(7), now, null);
        assertTrue(ok.healthy(), ok.problems().toString());

        // when the middle manifest disappears and a newer point has data but no manifest
        f.backupWritable.container(f.config.backup().container()).getBlobClient(BackupLayout.manifestBlob(p1.chainId(), p1.seq())).delete();
        f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.pointPrefix(p2.chainId(), p2.seq() + 1) + "data/" + f.orders() + "/x.txt")
                .upload(new ByteArrayInputStream(new byte[] {1}), 1);
        BackupFacts broken = BackupFactsReader.read(catalog, Instant.now());

        // then the plan falls back to the full snapshot, the break names the point, and status is unhealthy
        assertEquals(BackupLayout.pointId(p1.chainId(), 0), broken.newestPoint());
        assertFalse(broken.problems().isEmpty());
        assertTrue(String.join(";", broken.problems()).contains(p2.pointId()), broken.problems().toString());
        assertEquals(List.of(BackupLayout.pointId(p2.chainId(), p2.seq() + 1)), broken.incomplete());
        RecoveryStatus bad = StatusEvaluator.evaluate(f.config.services(), broken, List.of(drill), Duration.ofDays(7), Instant.now(), null);
        assertFalse(bad.healthy());
        assertFalse(bad.backups().linksIntact());
    }
}
