package io.drp.recovery;

import io.drp.backup.ManifestFile;
import io.drp.backup.RestorePlan;
import io.drp.config.DrpConfig;
import io.drp.model.ObjectiveResult;
import io.drp.model.RebuildEstimate;
import io.drp.recovery.rebuild.RebuildPreview;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a run would do at T0, found by planning alone: nothing is rebuilt, restored or written. {@code rebuild} and
 * {@code estimate} are null for a target with nothing to preview.
 */
public record DryRun(String recoveryPoint, Instant watermark, double rpoSeconds, List<String> points, long objects, long bytes,
                     long replayPuts, long replayDeletes, List<String> problems, List<ObjectiveResult> rpoResults,
                     RebuildPreview rebuild, RebuildEstimate estimate) {

    public DryRun {
        points = List.copyOf(points);
        problems = List.copyOf(problems);
        rpoResults = List.copyOf(rpoResults);
    }

    static DryRun of(DrpConfig config, RestorePlan plan, RecoveryRequest req, List<String> problems) {
        ManifestFile point = plan.recoveryPoint();
        long inFull = 0, fullBytes = 0, puts = 0, deletes = 0;
        // what the restore and replay steps will copy: each live object once, from the point holding its newest bytes
        try (var entries = point.entries()) {
            for (var e : (Iterable<io.drp.backup.ManifestEntry>) entries::iterator) {
                if (!e.live()) continue;
                if (e.dataSeq() == 0) {
                    inFull++;
                    fullBytes += e.size();
                } else {
                    puts++;
                }
            }
        }
        for (ManifestFile m : plan.points().subList(1, plan.points().size())) deletes += m.trailer().deletes();
        Duration rpo = Duration.between(point.header().watermark(), req.disasterAt());
        List<ObjectiveResult> rpoResults = ObjectiveEvaluator.evaluate(config.services(), req.scenario(), null, rpo, null).stream()
                .filter(r -> r.kind() == ObjectiveResult.Kind.RPO).toList();
        return new DryRun(point.pointId(), point.header().watermark(), ObjectiveEvaluator.seconds(rpo),
                plan.points().stream().map(ManifestFile::pointId).toList(), inFull, fullBytes, puts, deletes, problems, rpoResults, null, null);
    }

    /**
     * @param rebuild  what the target's preview says the rebuild would create; null when it has no preview
     * @param estimate how long that would take, from past drills; null with no preview
     */
    public DryRun withRebuild(RebuildPreview rebuild, RebuildEstimate estimate) {
        return new DryRun(recoveryPoint, watermark, rpoSeconds, points, objects, bytes, replayPuts, replayDeletes, problems,
                rpoResults, rebuild, estimate);
    }
}
