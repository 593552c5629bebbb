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
 * would copy (the full snapshot's objects in scope, then the incrementals' puts in scope, exactly as the
 * restore and replay steps count them), found from the manifests alone.
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
        long objects = 0, bytes = 0, deletes = 0;
        for (ManifestFile m : plan.points()) {
            boolean full = m == plan.full();
            try (Stream<ManifestEntry> entries = m.entries()) {
                for (ManifestEntry e : (Iterable<ManifestEntry>) entries::iterator) {
                    if (!scope.includes(e)) continue;
                    if (e.op() == ManifestEntry.Op.DELETE) {
                        deletes++;
                    } else if (full || e.op() == ManifestEntry.Op.PUT) {
                        objects++;
                        bytes += e.size();
                    }
                }
            }
        }
        ManifestFile point = plan.recoveryPoint();
        double rpo = ObjectiveEvaluator.seconds(Duration.between(point.header().watermark(), req.pointAt()));
        return new RestorePreview(point.pointId(), point.header().watermark(), rpo, plan.points().stream().map(ManifestFile::pointId).toList(),
                containers, objects, bytes, deletes, problems);
    }
}
