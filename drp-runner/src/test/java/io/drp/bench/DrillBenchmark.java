package io.drp.bench;

import com.azure.core.util.BinaryData;
import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;
import io.drp.config.BackupConfig;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.progress.Bytes;
import io.drp.progress.Progress;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * drp against a raw SDK loop doing the same transfers at the same parallelism, in one run on the embedded
 * emulator. A benchmark, not a test: it prints figures and asserts nothing. Datasets (scaled by
 * {@code -Dbench.scale}, default 1): (a) 500 × 4 MiB, (b) 20,000 × 1 KiB, (c) 5,000 × 16 KiB with five
 * incrementals each rewriting the same 40 %, against a chain holding the same final state without churn; then
 * (a) and (b) restored in each copy mode ({@link CopyModes}).
 * <pre>
 * mvn -pl drp-runner -q test-compile exec:java -DskipNpm=true -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.drp.bench.DrillBenchmark [-Dbench.scale=0.1] [-Dbench.parallelism=16]
 * </pre>
 */
public final class DrillBenchmark {

    private static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1"));
    static final int PARALLELISM = Integer.getInteger("bench.parallelism", 16);
    /** {@code all} (default): (a), (b) and (c); {@code ab} or {@code churn}: only those; {@code large} or {@code floor}: see {@link LargeDataset}. */
    private static final String DATASET = System.getProperty("bench.dataset", "all");

    private DrillBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (DATASET.equals("large") || DATASET.equals("floor")) {
            LargeDataset.main(args);
            return;
        }
        Path tmp = Files.createTempDirectory("drp-bench");
        try (AzuriteEmulator azurite = AzuriteEmulator.start(tmp.resolve("azurite"))) {
            System.out.printf(Locale.ROOT, "drp benchmark on Azurite (%s), scale %.2f, parallelism %d, %d cores, max heap %s%n",
                    metadataStore(), SCALE, PARALLELISM, Runtime.getRuntime().availableProcessors(), Bytes.human(Runtime.getRuntime().maxMemory()));
            // both sides once on a small dataset, unprinted, so neither pays the JIT's warm-up inside its figures
            against(azurite, tmp.resolve("warm-up"), "warm-up", 100, 16 << 10);
            if (!DATASET.equals("churn")) {
                List<String> rows = new ArrayList<>();
                rows.add(against(azurite, tmp.resolve("a"), "(a)", scaled(500), 4 << 20));
                rows.add(against(azurite, tmp.resolve("b"), "(b)", scaled(20_000), 1024));
                System.out.println();
                System.out.println("| dataset | drp backup s | raw backup s | backup ratio | drp restore+replay+verify s | raw copy+read-back s | restore ratio | drp heap peak |");
                System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
                rows.forEach(System.out::println);
                System.out.println("(ratio = drp throughput / raw throughput = raw s / drp s; goal >= 0.95)");
            }
            if (!DATASET.equals("ab")) churn(azurite, tmp.resolve("c"), scaled(5_000), 16 << 10);
            if (DATASET.equals("all")) {
                CopyModes.print(List.of(CopyModes.compare(azurite, tmp.resolve("ma"), scaled(500), 4 << 20, PARALLELISM),
                        CopyModes.compare(azurite, tmp.resolve("mb"), scaled(20_000), 1024, PARALLELISM)).stream().flatMap(List::stream).toList(), PARALLELISM);
            }
        }
    }

    /**
     * Which metadata store the emulator runs on: its default LokiJS store scans every document of the account on
     * each request, so its figures fall as it fills; AZURITE_DB (see bench/with-mariadb.sh) puts them in SQL.
     */
    static String metadataStore() {
        String db = System.getenv("AZURITE_DB");
        return db == null || db.isBlank() ? "default LokiJS metadata store" : "SQL metadata store, " + db.replaceAll("//[^@/]*@", "//");
    }

    static int scaled(int n) {
        return Math.max(1, (int) Math.round(n * SCALE));
    }

    static String label(int objects, int size) {
        return String.format(Locale.ROOT, "%,d × %s", objects, size >= 1 << 20 ? (size >> 20) + " MiB" : (size >> 10) + " KiB");
    }

    /** Datasets (a) and (b): drp's backup and drill, then the raw loop over the same objects. */
    private static String against(AzuriteEmulator azurite, Path dir, String id, int objects, int size) throws Exception {
        DrillFixture f = new DrillFixture(azurite, dir);
        List<RawLoop.Obj> objs = seed(f, objects, size, 0);
        System.out.printf(Locale.ROOT, "%s %s: seeded%n", id, label(objects, size));

        long heapPeak;
        BackupResult b;
        DrillReport d;
        try (HeapSampler heap = new HeapSampler()) {
            b = backup(f, BackupJob.Mode.FULL);
            d = drill(f, id);
            heapPeak = heap.peakBytes();
        }
        double drpBackup = b.elapsed().toNanos() / 1e9;
        double drpRestore = steps(d, "restore", "replay", "verify");

        RawLoop.Figures rawFigures = new RawLoop(PARALLELISM).backupAndRestore(f, objs);
        double rawBackupS = rawFigures.backup(), rawRestoreS = rawFigures.restore();

        System.out.printf(Locale.ROOT, "%s drp: backup %.1f s, restore %.1f s + replay %.1f s + verify %.1f s; raw: backup %.1f s, restore+read-back %.1f s%n",
                id, drpBackup, steps(d, "restore"), steps(d, "replay"), steps(d, "verify"), rawBackupS, rawRestoreS);
        return String.format(Locale.ROOT, "| %s %s | %.1f | %.1f | %.2f× | %.1f | %.1f | %.2f× | %s |", id, label(objects, size),
                drpBackup, rawBackupS, rawBackupS / drpBackup, drpRestore, rawRestoreS, rawRestoreS / drpRestore, Bytes.human(heapPeak));
    }

    /** Dataset (c): five incrementals rewriting the same 40 %, against one full snapshot of the same final state. */
    private static void churn(AzuriteEmulator azurite, Path dir, int objects, int size) throws Exception {
        int rewrites = 5;
        int churned = (int) Math.round(objects * 0.4);
        DrillFixture withChurn = new DrillFixture(azurite, dir.resolve("churn"));
        List<RawLoop.Obj> objs = seed(withChurn, objects, size, 0);
        backup(withChurn, BackupJob.Mode.FULL);
        for (int r = 1; r <= rewrites; r++) {
            rewrite(withChurn, objs.subList(0, churned), size, r);
            backup(withChurn, BackupJob.Mode.INCREMENTAL);
        }
        DrillFixture flat = new DrillFixture(azurite, dir.resolve("flat"));
        List<RawLoop.Obj> flatObjs = seed(flat, objects, size, 0);
        rewrite(flat, flatObjs.subList(0, churned), size, rewrites); // the same final bytes, one version only
        backup(flat, BackupJob.Mode.FULL);

        // ABBA: each chain drilled twice, in mirrored order, so neither is favoured by running first or last
        // (the emulator's state and the machine's other load drift over a run)
        DrillReport[] c = {drill(withChurn, "c-churn-1"), null}, n = {drill(flat, "c-flat-1"), null};
        n[1] = drill(flat, "c-flat-2");
        c[1] = drill(withChurn, "c-churn-2");

        System.out.println();
        System.out.printf(Locale.ROOT, "(c) %s, %d incrementals each rewriting the same %,d objects%n", label(objects, size), rewrites, churned);
        System.out.println("| chain, drill | plan s | restore s | replay s | restore+replay s | verify s | objects copied |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        double churnSum = 0, flatSum = 0;
        for (int i = 0; i < 2; i++) {
            churnSum += row("with churn, " + (i + 1), c[i]);
            flatSum += row("same final state, no churn, " + (i + 1), n[i]);
        }
        System.out.printf(Locale.ROOT, "churn / no churn (restore+replay, sum of both drills): %.2f× (goal <= 1.10×)%n", churnSum / flatSum);
    }

    private static double row(String name, DrillReport d) {
        double both = steps(d, "restore", "replay");
        long copied = count(d, "restore", "objects") + count(d, "replay", "puts");
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %.1f | %.1f | %,d |%n", name, steps(d, "plan"), steps(d, "restore"),
                steps(d, "replay"), both, steps(d, "verify"), copied);
        return both;
    }

    private static long count(DrillReport r, String step, String detail) {
        return r.steps().stream().filter(s -> s.name().equals(step) && s.details().get(detail) instanceof Number)
                .mapToLong(s -> ((Number) s.details().get(detail)).longValue()).sum();
    }

    static BackupResult backup(DrillFixture f, BackupJob.Mode mode) {
        BackupConfig cfg = new BackupConfig(f.config.backup().container(), Duration.ofDays(1), Duration.ofHours(1), 7, PARALLELISM);
        StorageAccount prod = f.session.connector().openReadOnly("production", f.session.accounts().production());
        return new BackupJob(prod, f.backupWritable, cfg, f.containers(), Clock.systemUTC(), f.workDir.resolve("cache").resolve("manifests"),
                Progress.NONE).run(mode);
    }

    static DrillReport drill(DrillFixture f, String id) throws Exception {
        return new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportJson::write, DrillRunner.targetsFor(f.config))
                .run(TestRequests.drill("bench-" + id.replaceAll("[^a-z0-9-]", ""), null, "region-outage", false,
                        f.workDir.resolve("reports"), PARALLELISM, true));
    }

    static double steps(DrillReport r, String... names) {
        double s = 0;
        for (String n : names) {
            for (StepRecord step : r.steps()) if (step.name().equals(n)) s += step.durationSeconds();
        }
        return s;
    }

    /** Production objects spread over the fixture's containers, uploaded in parallel (not measured). */
    static List<RawLoop.Obj> seed(DrillFixture f, int objects, int size, int version) throws Exception {
        List<RawLoop.Obj> objs = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            objs.add(new RawLoop.Obj(f.containers().get(i % f.containers().size()), String.format("o%07d", i)));
        }
        f.containers().forEach(c -> f.prodWritable.container(c).createIfNotExists());
        rewrite(f, objs, size, version);
        return objs;
    }

    private static void rewrite(DrillFixture f, List<RawLoop.Obj> objs, int size, int version) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (RawLoop.Obj o : objs) {
                all.add(pool.submit(() -> {
                    byte[] b = new byte[size];
                    new Random(o.name().hashCode() * 31L + version).nextBytes(b);
                    f.prodWritable.container(o.container()).getBlobClient(o.name()).upload(BinaryData.fromBytes(b), true);
                    return null;
                }));
            }
            for (Future<?> x : all) x.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
