package io.drp.bench;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;
import io.drp.model.DrillReport;
import io.drp.progress.Bytes;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.DrillFixture;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Bounded memory on storage, not only in unit tests: at least 200,000 small objects (1 KiB; {@code -Dbench.scale}
 * scales the count) backed up and drilled with the heap capped at 256 MiB, in a JVM forked for the purpose,
 * against the raw loop doing the same transfers in the same run; or ({@code -Dbench.dataset=floor}) 48 × 4 MiB
 * within the 128 MiB the raw loop needs for them.
 * <pre>
 * mvn -pl drp-runner -q test-compile exec:java -DskipNpm=true -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.drp.bench.DrillBenchmark -Dbench.dataset=large [-Dbench.scale=0.05]
 * </pre>
 */
final class LargeDataset {

    /**
     * {@code large}: the 200,000 × 1 KiB within 256 MiB. {@code floor}: 48 × 4 MiB within 128 MiB, the
     * heap the raw loop was measured to run in at parallelism 16, where an earlier drp thrashed for minutes.
     */
    private record Spec(String dataset, int objects, int size, String heap) {}

    private static final Spec SPEC = "floor".equals(System.getProperty("bench.dataset"))
            ? new Spec("floor", 48, 4 << 20, "-Xmx128m") : new Spec("large", 200_000, 1024, "-Xmx256m");
    /** {@code -Dbench.baseline=false} skips the raw loop: at 200,000 objects it doubles a run of hours, and the heap is drp's. */
    private static final boolean BASELINE = Boolean.parseBoolean(System.getProperty("bench.baseline", "true"));

    private LargeDataset() {}

    static void main(String[] args) throws Exception {
        if (System.getProperty("bench.forked") == null) {
            System.exit(fork());
        }
        int objects = DrillBenchmark.scaled(SPEC.objects());
        Path tmp = Files.createTempDirectory("drp-bench-" + SPEC.dataset());
        try (AzuriteEmulator azurite = AzuriteEmulator.start(tmp.resolve("azurite"))) {
            System.out.printf(Locale.ROOT, "drp %s dataset on Azurite (%s): %s, parallelism %d, %d cores, max heap %s%n",
                    SPEC.dataset(), DrillBenchmark.metadataStore(), DrillBenchmark.label(objects, SPEC.size()), DrillBenchmark.PARALLELISM, Runtime.getRuntime().availableProcessors(), Bytes.human(Runtime.getRuntime().maxMemory()));
            DrillFixture f = new DrillFixture(azurite, tmp.resolve(SPEC.dataset()));
            List<RawLoop.Obj> objs = objects(f, objects);
            f.containers().forEach(c -> f.prodWritable.container(c).createIfNotExists());
            RawLoop raw = new RawLoop(DrillBenchmark.PARALLELISM);
            // seeding is not measured: fewer threads for large objects, so that making the data fits the cap too
            int seeders = (int) Math.max(1, Math.min(DrillBenchmark.PARALLELISM, (16L << 20) / SPEC.size()));
            double seeded = new RawLoop(seeders).upload(objs, o -> f.prodWritable.container(o.container()).getBlobClient(o.name()), LargeDataset::bytes);
            System.out.printf(Locale.ROOT, "seeded in %.1f s (%.0f objects/s)%n", seeded, objects / seeded);

            long heapPeak;
            BackupResult b;
            DrillReport d;
            long started = System.nanoTime();
            try (HeapSampler heap = new HeapSampler()) {
                b = DrillBenchmark.backup(f, BackupJob.Mode.FULL);
                d = DrillBenchmark.drill(f, SPEC.dataset());
                heapPeak = heap.peakBytes();
            }
            double wall = (System.nanoTime() - started) / 1e9;
            double backup = b.elapsed().toNanos() / 1e9;
            double drill = DrillBenchmark.steps(d, "restore", "replay", "verify");
            System.out.printf(Locale.ROOT, "drp: backup %.1f s, drill %s with restore %.1f s + replay %.1f s + verify %.1f s, %,d objects restored"
                            + " (%,d mismatched), heap peak %s%n", backup, d.verdict(), DrillBenchmark.steps(d, "restore"),
                    DrillBenchmark.steps(d, "replay"), DrillBenchmark.steps(d, "verify"), d.integrity().objectsRestored(),
                    d.integrity().mismatches(), Bytes.human(heapPeak));
            if (!BASELINE) {
                System.out.printf(Locale.ROOT, "drp wall time (backup + whole drill) %.1f s; drp heap peak %s of %s; raw loop skipped (-Dbench.baseline=false)%n",
                        wall, Bytes.human(heapPeak), Bytes.human(Runtime.getRuntime().maxMemory()));
                return;
            }

            RawLoop.Figures rawFigures;
            try {
                rawFigures = raw.backupAndRestore(f, objs);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof OutOfMemoryError)) throw e;
                // the plain SDK's downloadContent + upload copy each object's bytes more than once; say so, not crash
                System.out.printf(Locale.ROOT, "raw loop: OutOfMemoryError within %s at parallelism %d, so no ratio; drp wall time %.1f s,"
                        + " heap peak %s%n", SPEC.heap(), DrillBenchmark.PARALLELISM, wall, Bytes.human(heapPeak));
                return;
            }
            double rawBackupS = rawFigures.backup(), rawRestoreS = rawFigures.restore();

            System.out.println();
            System.out.println("| " + SPEC.dataset() + " dataset, heap " + SPEC.heap() + " | drp s | drp objects/s | raw s | raw objects/s | ratio |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| backup, %s | %.1f | %.0f | %.1f | %.0f | %.2f× |%n", DrillBenchmark.label(objects, SPEC.size()), backup, objects / backup,
                    rawBackupS, objects / rawBackupS, rawBackupS / backup);
            System.out.printf(Locale.ROOT, "| restore+replay+verify | %.1f | %.0f | %.1f | %.0f | %.2f× |%n", drill, objects / drill,
                    rawRestoreS, objects / rawRestoreS, rawRestoreS / drill);
            System.out.printf(Locale.ROOT, "drp wall time (backup + whole drill) %.1f s; drp heap peak %s of %s%n", wall, Bytes.human(heapPeak),
                    Bytes.human(Runtime.getRuntime().maxMemory()));
        }
    }

    /** The objects, made on demand: a list of 200,000 records would itself be charged to the heap being measured. */
    private static List<RawLoop.Obj> objects(DrillFixture f, int n) {
        List<String> containers = f.containers();
        return new AbstractList<>() {
            @Override
            public RawLoop.Obj get(int i) {
                return new RawLoop.Obj(containers.get(i % containers.size()), String.format("o%07d", i));
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    private static byte[] bytes(RawLoop.Obj o) {
        byte[] b = new byte[SPEC.size()];
        new Random(o.name().hashCode()).nextBytes(b);
        return b;
    }

    /** Runs this dataset again in a JVM of its own with the heap cap: Maven's JVM (exec:java) has none. */
    private static int fork() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, SPEC.heap(), "-cp", classpath(), "-Dbench.forked=true",
                "-Dbench.dataset=" + SPEC.dataset()));
        for (String p : List.of("bench.scale", "bench.parallelism", "bench.baseline")) {
            if (System.getProperty(p) != null) cmd.add("-D" + p + "=" + System.getProperty(p));
        }
        cmd.add(DrillBenchmark.class.getName());
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    /** exec:java puts the test classpath in its own class loader, not in java.class.path; Maven's loaders above it are not wanted. */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader l = LargeDataset.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) entries.add(Path.of(java.net.URI.create(url.toString())).toString());
                break;
            }
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(java.io.File.pathSeparator, entries);
    }
}
