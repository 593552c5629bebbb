package io.drp.cli;

import io.drp.failure.UsageFailure;
import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerRead;
import io.drp.ledger.LedgerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

@Command(name = "history", header = "List past drills with their verdicts and the RTO/RPO trend.",
        description = {"Reads the ledger (hash-chained drill history) and prints one line per drill or restore, then the RTO and RPO trend."},
        exitCodeList = {
                "0:the history was printed (also when it is empty)",
                "2:invalid usage or configuration; nothing ran",
                "3:aborted: an unexpected error"},
        footer = {"  drp history --last 10",
                "  drp history --ledger .drp/ledger --format json"})
public final class HistoryCommand extends DrpCommandBase {

    @Mixin
    LedgerOptions options;

    @Option(names = {"-n", "--last"}, defaultValue = "20", description = "How many drills to show (default: ${DEFAULT-VALUE}).")
    int last;

    @Mixin
    FormatOptions format;

    @Override
    protected ExitCode execute() {
        if (last < 1) throw new UsageFailure("--last must be at least 1");
        // verified records only: a line that does not verify is never shown as a run
        LedgerRead read = new DrillLedger(options.dir(), Optional.empty()).read(options.keys());
        List<LedgerRecord> all = read.records();
        List<LedgerRecord> shown = all.subList(Math.max(0, all.size() - last), all.size());
        if (format.json()) {
            JsonDocuments.print(out(), JsonDocuments.History.of(options.dir().toString(), all.size(), shown, read));
            return ExitCode.OK;
        }
        if (read.verification().tornTail() != null) err().println("warning: " + read.verification().tornTail());
        if (read.unverifiedNote() != null) {
            out().println(read.unverifiedNote());
            err().println("drp: " + read.unverifiedNote() + "; run 'drp verify-ledger' for details");
        }
        if (all.isEmpty()) {
            out().println("no drills recorded in " + options.dir().resolve(DrillLedger.FILE));
            return ExitCode.OK;
        }
        out().printf("%-4s %-24s %-8s %-24s %-8s %10s %10s  %s%n", "#", "finished (UTC)", "kind", "run", "verdict", "RTO s", "RPO s",
                "recovery point");
        for (LedgerRecord r : shown) {
            out().printf(Locale.ROOT, "%-4d %-24s %-8s %-24s %-8s %10s %10s  %s%n", r.seq(), trim(r.finishedAt()), r.kind(), r.drillId(), r.verdict(),
                    num(r.rtoSeconds()), num(r.rpoSeconds()), r.recoveryPoint() == null ? "-" : r.recoveryPoint());
        }
        out().println();
        out().println("RTO trend " + Trend.describe(shown, LedgerRecord::rtoSeconds));
        out().println("RPO trend " + Trend.describe(shown, LedgerRecord::rpoSeconds));
        long passed = shown.stream().filter(r -> r.verdict() == io.drp.model.Verdict.PASSED).count();
        out().printf("%d of %d runs passed (%d drills, %d restores)%n", passed, shown.size(),
                shown.stream().filter(r -> r.kind().equals("drill")).count(), shown.stream().filter(r -> r.kind().equals("restore")).count());
        out().println("ledger: " + (read.verification().intact() ? "intact" : "BROKEN") + ", " + read.verification().signing());
        return ExitCode.OK;
    }

    private static String trim(Object instant) {
        String s = String.valueOf(instant);
        return s.length() > 19 ? s.substring(0, 19) + "Z" : s;
    }

    private static String num(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }

    /** A sparkline and a direction for a series of measurements, oldest first. */
    static final class Trend {
        private static final char[] BARS = "▁▂▃▄▅▆▇█".toCharArray();

        static String describe(List<LedgerRecord> records, Function<LedgerRecord, Double> metric) {
            List<Double> values = records.stream().map(metric).filter(v -> v != null).toList();
            if (values.isEmpty()) return "(no measurements)";
            double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            StringBuilder spark = new StringBuilder();
            for (double v : values) {
                int i = max == min ? 3 : (int) Math.round((v - min) / (max - min) * (BARS.length - 1));
                spark.append(BARS[i]);
            }
            String direction = "steady";
            if (values.size() >= 2) {
                int half = values.size() / 2;
                double early = values.subList(0, half).stream().mapToDouble(Double::doubleValue).average().orElse(0);
                double late = values.subList(half, values.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
                if (late > early * 1.10) direction = "worsening";
                else if (late < early * 0.90) direction = "improving";
            }
            return String.format(Locale.ROOT, "%s  min %.1f s, max %.1f s, last %.1f s: %s", spark, min, max, values.get(values.size() - 1), direction);
        }
    }
}
