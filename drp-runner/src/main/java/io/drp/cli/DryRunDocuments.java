package io.drp.cli;

import io.drp.recovery.DryRun;
import io.drp.restore.RestoreRunner;

import java.time.Instant;
import java.util.List;

/** {@code drill --dry-run} and {@code restore --dry-run} under {@code -o json}: what would be restored; nothing ran. */
final class DryRunDocuments {

    private DryRunDocuments() {}

    /** {@code target} is null for a drill (the recovery environment); {@code problems} are BLOCKING. */
    record Plan(int schemaVersion, String command, boolean dryRun, int exitCode, String recoveryPoint, Instant watermark, double rpoSeconds,
                List<String> points, long objects, long bytes, String target, List<String> containers, List<String> problems) {}

    static RunDocuments.Outcome drill(DryRun d) {
        return outcome(code -> new Plan(JsonDocuments.SCHEMA_VERSION, "drill", true, code.code, d.recoveryPoint(), d.watermark(),
                d.rpoSeconds(), d.points(), d.objects(), d.bytes(), null, null, d.problems()), "drill", d.recoveryPoint());
    }

    static RunDocuments.Outcome restore(RestoreRunner.Preview p) {
        var d = p.plan();
        return outcome(code -> new Plan(JsonDocuments.SCHEMA_VERSION, "restore", true, code.code, d.point(), d.watermark(), d.rpoSeconds(),
                d.points(), d.objects(), d.bytes(), p.target(), d.containers(), d.problems()), "restore", d.point());
    }

    private static RunDocuments.Outcome outcome(java.util.function.Function<ExitCode, Plan> doc, String command, String point) {
        return new RunDocuments.Outcome() {
            @Override
            public Object document(ExitCode code) {
                return doc.apply(code);
            }

            @Override
            public String line() {
                return command + " dry run: would restore " + point + "; nothing was written";
            }
        };
    }
}
