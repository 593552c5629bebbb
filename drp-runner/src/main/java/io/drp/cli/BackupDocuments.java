package io.drp.cli;

import io.drp.backup.BackupCatalog;
import io.drp.backup.BackupResult;

import java.time.Instant;
import java.util.List;

/** The final JSON documents of {@code backup} (and {@code backup --list}) and {@code verify-ledger}; see {@link RunDocuments}. */
final class BackupDocuments {

    private BackupDocuments() {}

    record Backup(int schemaVersion, String command, int exitCode, String point, String kind, Instant watermark, String label,
                  long objects, long bytes, long copied, long copiedBytes, long deletions, double elapsedSeconds, long retries,
                  String manifestSha256, List<String> prunedChains) {}

    record Points(int schemaVersion, String command, int exitCode, String container, String account, List<BackupCatalog.PointSummary> points) {}

    /** {@code brokenAt} and {@code reason} are null when intact; {@code alteredReport} names the drill whose archived report changed. */
    record Ledger(int schemaVersion, String command, int exitCode, boolean intact, String ledger, long records, String signing,
                  Long brokenAt, String brokenDrillId, String reason, String tornTail, Long reportsChecked, Long reportsMissing,
                  String alteredReport, String archive) {}

    static RunDocuments.Outcome backup(BackupResult r, String label, long retries) {
        var p = r.point();
        String line = "backup point " + p.pointId() + " (" + p.kind() + ") watermark " + p.watermark() + (label == null ? "" : " label " + label);
        return of(code -> new Backup(JsonDocuments.SCHEMA_VERSION, "backup", code.code, p.pointId(), p.kind().toString(), p.watermark(), label,
                p.objects(), p.bytes(), p.puts(), p.putBytes(), p.deletes(), JsonDocuments.seconds(r.elapsed()), retries, p.manifestSha256(),
                r.prunedChains()), line);
    }

    static RunDocuments.Outcome points(List<BackupCatalog.PointSummary> points, String container, String account) {
        return of(code -> new Points(JsonDocuments.SCHEMA_VERSION, "backup", code.code, container, account, points),
                points.size() + " point(s) in " + container + " of " + account);
    }

    static RunDocuments.Outcome of(java.util.function.Function<ExitCode, Object> document, String line) {
        return new RunDocuments.Outcome() {
            @Override
            public Object document(ExitCode code) {
                return document.apply(code);
            }

            @Override
            public String line() {
                return line;
            }
        };
    }
}
