package io.drp.restore;

import com.azure.storage.blob.BlobContainerClient;
import io.drp.backup.BackupCatalog;
import io.drp.failure.UsageFailure;
import io.drp.recovery.RecoveryRequest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A point in time older than every backup is a mistyped instant, not a storage failure: refused with exit 2 before
 * anything is written, naming the oldest point and its watermark so that the next command can be typed at once.
 * (Left to the plan step, it would abort with exit 3 and a report after the target was locked.)
 */
final class OldestPoint {

    private OldestPoint() {}

    static void requireCovered(BlobContainerClient backup, Path cacheDir, RecoveryRequest req) {
        var spec = req.restore();
        if (spec == null || spec.pointId() != null || spec.label() != null || req.resume() || spec.at() == null) return;
        oldest(new BackupCatalog(backup, cacheDir)).filter(p -> spec.at().isBefore(p.watermark())).ifPresent(p -> {
            throw new UsageFailure(describe(spec.at(), p, backup.getBlobContainerName()));
        });
    }

    /** The oldest readable point: its watermark is the earliest instant any restore can reach. */
    static Optional<BackupCatalog.PointSummary> oldest(BackupCatalog catalog) {
        return catalog.points().stream().filter(p -> p.problem() == null && p.watermark() != null).findFirst();
    }

    static String describe(Instant at, BackupCatalog.PointSummary oldest, String container) {
        return "--at " + at + " (or --incident-start, without --at) is before the oldest backup point " + oldest.pointId() + " (watermark " + oldest.watermark()
                + ") in container '" + container + "'; nothing was written. Give --at " + oldest.watermark()
                + " or later, or list the points with 'drp backup --list'";
    }
}
