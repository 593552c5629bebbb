package io.drp.cli;

import io.drp.model.DrillReport;
import io.drp.model.Integrity;
import io.drp.model.StepRecord;
import io.drp.model.Verdict;
import io.drp.recovery.LockedRun;
import io.drp.report.ReportJson;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The final JSON document of {@code drill}, {@code restore}, {@code backup} and {@code verify-ledger} under
 * {@code -o json}, with the one line {@code --quiet} prints and the lines {@code --verbose} adds. Like
 * {@link JsonDocuments}: schemaVersion 1, keys sorted, durations in seconds; fields may be added, never renamed.
 */
final class RunDocuments {

    private RunDocuments() {}

    /** What a command hands {@link DrpCommandBase#finish}: its document (given the exit code), its line, its details. */
    interface Outcome {
        Object document(ExitCode code);

        String line();

        default List<String> details() {
            return List.of();
        }
    }

    /** {@code drill} and {@code restore}: the verdict, the ids, where the report is, RTO/RPO and the object counts. */
    record Run(int schemaVersion, String command, String id, Verdict verdict, String verdictReason, int exitCode, String report,
               Instant disasterAt, String recoveryPoint, Instant recoveryPointWatermark, Double rtoSeconds, Double rpoSeconds,
               Objects objects, List<Objective> objectives, Target restoredInto, String resumeCommand, List<String> notes) {}

    /** {@code lost} is null when loss was not measured; {@code lossNotMeasuredBecause} then says why. */
    record Objects(long expected, long restored, long bytesRestored, long mismatches, Long lost, String lossNotMeasuredBecause,
                   long writtenAfterDisaster) {
        static Objects of(Integrity i) {
            return new Objects(i.objectsExpected(), i.objectsRestored(), i.bytesRestored(), i.mismatches(),
                    i.lossUnknownBecause() == null ? i.objectsLost() : null, i.lossUnknownBecause(), i.objectsWrittenAfterDisaster());
        }
    }

    record Objective(String service, String kind, double target, Double measured, String unit, boolean met) {}

    record Target(String destination, String account, List<String> containers, String prefix) {}

    /** A failure before any document could be made: exit 2 or 3, and the one line that was printed on stderr. */
    record Failure(int schemaVersion, String command, int exitCode, String error) {}

    static Outcome run(String command, LockedRun.Outcome outcome, Path reportDir, ConfigOptions options, io.drp.secrets.Redactor redactor) {
        DrillReport r = outcome.report();
        Path report = reportDir.resolve(ReportJson.fileName(r)).toAbsolutePath();
        String resume = r.verdict() == Verdict.ABORTED ? DrillSummary.resumeCommand(command, options, reportDir, r.drillId()) : null;
        return new Outcome() {
            @Override
            public Object document(ExitCode code) {
                var m = r.measured();
                var objectives = r.objectiveResults().stream()
                        .map(o -> new Objective(o.service(), o.kind().name().toLowerCase(Locale.ROOT), o.target(), o.measured(), o.unit(), o.met()))
                        .toList();
                var into = r.restore() == null ? null
                        : new Target(r.restore().destination(), r.restore().account(), r.restore().containers(), r.restore().prefix());
                return new Run(JsonDocuments.SCHEMA_VERSION, command, r.drillId(), r.verdict(), r.verdictReason(), code.code, report.toString(),
                        m == null ? null : m.disasterAt(), m == null ? null : m.recoveryPoint(), m == null ? null : m.recoveryPointWatermark(),
                        m == null ? null : m.rtoSeconds(), m == null ? null : m.rpoSeconds(), Objects.of(r.integrity()), objectives, into,
                        resume, outcome.notes().stream().map(n -> redactor.redact(n.text())).toList());
            }

            @Override
            public String line() {
                return command + " " + r.drillId() + ": " + r.verdict() + " (" + r.verdictReason() + "); report " + report
                        + (resume == null ? "" : "; resume with: " + resume);
            }

            @Override
            public List<String> details() {
                return stepDetails(r.steps());
            }
        };
    }

    /** {@code --verbose}: every step with its status, duration, message and details, keys sorted. */
    static List<String> stepDetails(List<StepRecord> steps) {
        List<String> lines = new ArrayList<>();
        lines.add("steps in detail:");
        for (StepRecord s : steps) {
            lines.add(String.format(Locale.ROOT, "  %s: %s, %.3f s%s", s.name(), s.status(), s.durationSeconds(),
                    s.message() == null || s.message().isEmpty() ? "" : " (" + s.message() + ")"));
            Map<String, Object> details = s.details() == null ? Map.of() : new TreeMap<>(s.details());
            details.forEach((k, v) -> lines.add("    " + k + ": " + v));
        }
        return lines;
    }
}
