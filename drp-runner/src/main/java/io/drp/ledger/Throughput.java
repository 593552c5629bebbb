package io.drp.ledger;

import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.report.ReportJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The copy throughput past runs achieved, read from the reports the ledger names (the archive keeps each
 * one under its SHA-256). Used to estimate how long a restore will take before it starts.
 */
public final class Throughput {

    /** Bytes per second over {@code runs} runs that moved {@code bytes} in {@code seconds}. */
    public record Measured(double bytesPerSecond, int runs, long bytes, double seconds) {}

    private static final int RECENT = 10;

    private Throughput() {}

    /** Empty when no archived run copied anything: there is then nothing honest to estimate from. */
    public static Optional<Measured> recent(io.drp.config.LedgerConfig ledger, Path reportDir) {
        // verified records only: a forged record could name a report that promises any speed
        List<LedgerRecord> records = new DrillLedger(ledger.dir(), Optional.empty()).read(LedgerKeys.configured(ledger, List.of())).records();
        long bytes = 0;
        double seconds = 0;
        int runs = 0;
        for (int i = records.size() - 1; i >= 0 && runs < RECENT; i--) {
            Path archived = reportDir.resolve("archive").resolve(records.get(i).reportSha256() + ".json");
            if (records.get(i).reportSha256() == null || !Files.isRegularFile(archived)) continue;
            try {
                DrillReport r = ReportJson.read(archived);
                long b = 0;
                double s = 0;
                for (StepRecord step : r.steps()) {
                    if (step.status() != StepStatus.SUCCEEDED || !(step.name().equals("restore") || step.name().equals("replay"))) continue;
                    Object moved = step.details().get("bytes");
                    if (moved instanceof Number n) b += n.longValue();
                    s += step.durationSeconds();
                }
                if (b > 0 && s > 0) {
                    bytes += b;
                    seconds += s;
                    runs++;
                }
            } catch (Exception unreadable) {
                // an archived report that cannot be read says nothing about speed; verify-ledger reports it
            }
        }
        return runs == 0 ? Optional.empty() : Optional.of(new Measured(bytes / seconds, runs, bytes, seconds));
    }
}
