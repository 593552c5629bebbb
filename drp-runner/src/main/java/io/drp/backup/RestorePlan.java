package io.drp.backup;

import java.util.List;

/**
 * What a drill restores: the full snapshot and the incrementals up to the recovery point, all validated,
 * plus problems found with newer backups that could not be used (each names the point), and {@code skipped}:
 * broken or abandoned points older than the recovery point that a later good point links past.
 */
public record RestorePlan(List<ManifestFile> points, List<String> problems, List<String> skipped) {

    public RestorePlan(List<ManifestFile> points, List<String> problems) {
        this(points, problems, List.of());
    }

    public RestorePlan {
        points = List.copyOf(points);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
        if (points.isEmpty()) throw new IllegalArgumentException("a plan needs at least the full snapshot");
    }

    public ManifestFile recoveryPoint() {
        return points.get(points.size() - 1);
    }

    public ManifestFile full() {
        return points.get(0);
    }
}
