package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.backup.RestorePlan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a real recovery would move: the point, its RPO against {@code --at}, and the objects and bytes it
 * would copy (each live object of the point in scope, once, exactly as the restore and replay steps count
 * them), found from the manifests alone. {@code replayDeletes} is informational: deletions need no work.
 */
public record RestorePreview(String point, Instant watermark, double rpoSeconds, List<String> points, List<String> containers,
                             long objects, long bytes, long replayDeletes, List<String> problems) {

    public RestorePreview {
        points = List.copyOf(points);
        containers = List.copyOf(containers);
        problems = List.copyOf(problems);
    }

    static RestorePreview of(RestorePlan plan, RecoveryRequest req, List<String> containers, List<String> problems) {
        Scope scope = req.scope();
        long objects = 0, bytes = 0;
        // each live object of the point is copied once, as the restore and replay steps do
        try (Stream<ManifestEntry> entries = plan.recoveryPoint().entries()) {
            for (ManifestEntry e : (Iterable<ManifestEntry>) entries::iterator) {
                if (!e.live() || !scope.includes(e)) continue;
                objects++;
                bytes += e.size();
            }
        }
        long deletes = plan.points().subList(1, plan.points().size()).stream().mapToLong(m -> m.trailer().deletes()).sum();
        ManifestFile point = plan.recoveryPoint();
        double rpo = ObjectiveEvaluator.seconds(Duration.between(point.header().watermark(), req.pointAt()));
        return new RestorePreview(point.pointId(), point.header().watermark(), rpo, plan.points().stream().map(ManifestFile::pointId).toList(),
                containers, objects, bytes, deletes, problems);
    }
}
