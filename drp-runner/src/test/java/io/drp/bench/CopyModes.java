package io.drp.bench;

import io.drp.backup.BackupJob;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.progress.Progress;
import io.drp.recovery.CopyMode;
import io.drp.report.ReportJson;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The same drill in each copy mode, over the same backup, on the embedded emulator: streamed through drp, and
 * server-side (Copy Blob From URL, then one read to verify). Part of {@link DrillBenchmark}; runs alone too:
 * <pre>
 * mvn -pl drp-runner -q test-compile exec:java -DskipNpm=true -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.drp.bench.CopyModes [-Dbench.scale=0.1] [-Dbench.parallelism=16]
 * </pre>
 * Metadata verification, so the figures are the copies' (a full verify re-reads every object in both modes).
 */
public final class CopyModes {

    private CopyModes() {}

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
        int parallelism = Integer.getInteger("bench.parallelism", 16);
        Path tmp = Files.createTempDirectory("drp-bench-copy");
        try (AzuriteEmulator azurite = AzuriteEmulator.start(tmp.resolve("azurite"))) {
            compare(azurite, tmp.resolve("warm-up"), 100, 16 << 10, parallelism); // JIT warm-up, unprinted
            List<String> rows = new ArrayList<>();
            rows.addAll(compare(azurite, tmp.resolve("a"), Math.max(1, (int) Math.round(500 * scale)), 4 << 20, parallelism));
            rows.addAll(compare(azurite, tmp.resolve("b"), Math.max(1, (int) Math.round(20_000 * scale)), 1024, parallelism));
            print(rows, parallelism);
        }
    }

    static void print(List<String> rows, int parallelism) {
        System.out.println();
        System.out.printf(Locale.ROOT, "copy modes on the emulator, parallelism %d (restore step only, same backup)%n", parallelism);
        System.out.println("| dataset | copy mode | restore s | MiB/s | objects/s |");
        System.out.println("|---|---|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    /** One backup, then a drill in each mode onto its own recovery containers; one table row per mode. */
    static List<String> compare(AzuriteEmulator azurite, Path dir, int objects, int size, int parallelism) throws Exception {
        DrillFixture f = new DrillFixture(azurite, dir);
        DrillBenchmark.seed(f, objects, size, 0);
        DrillBenchmark.backup(f, BackupJob.Mode.FULL);
        List<String> rows = new ArrayList<>();
        for (CopyMode mode : List.of(CopyMode.STREAM, CopyMode.SERVER)) {
            DrillReport r = new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write,
                    DrillRunner.targetsFor(f.config)).run(TestRequests.drill(null, null, "region-outage", false,
                    f.workDir.resolve("reports-" + mode.label()), parallelism, false).withCopyMode(mode));
            if (!mode.label().equals(r.evidence().copyMode())) throw new IllegalStateException("ran " + r.evidence().copyMode());
            double s = r.steps().stream().filter(x -> x.name().equals("restore")).mapToDouble(StepRecord::durationSeconds).sum();
            rows.add(String.format(Locale.ROOT, "| %,d × %s | %s | %.1f | %.1f | %.0f |", objects,
                    size >= 1 << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB", mode.label(), s,
                    (double) objects * size / (1 << 20) / s, objects / s));
        }
        return rows;
    }
}
