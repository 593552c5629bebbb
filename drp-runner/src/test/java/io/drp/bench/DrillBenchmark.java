package io.drp.bench;

import com.azure.core.util.BinaryData;
import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;
import io.drp.config.BackupConfig;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.progress.Progress;
import io.drp.storage.StorageAccount;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.DrillFixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput of backup, restore and verify on the embedded emulator, by parallelism. A benchmark, not a
 * test: it prints figures and asserts nothing. Run with
 * {@code mvn -pl drp-runner -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.drp.bench.DrillBenchmark [-Dexec.args="2000 16384"]}.
 */
public final class DrillBenchmark {

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 16 * 1024;
        Path tmp = Files.createTempDirectory("drp-bench");
        try (AzuriteEmulator azurite = AzuriteEmulator.start(tmp.resolve("azurite"))) {
            System.out.printf(Locale.ROOT, "drp benchmark: %d objects x %d bytes (%.1f MiB) on Azurite, %d cores%n",
                    objects, size, objects * (double) size / (1 << 20), Runtime.getRuntime().availableProcessors());
            System.out.println("parallelism  backup obj/s  restore obj/s  restore MiB/s  verify obj/s");
            for (int par : new int[] {1, 4, 8, 16}) {
                DrillFixture f = new DrillFixture(azurite, tmp.resolve("p" + par));
                Random r = new Random(par);
                byte[] buf = new byte[size];
                for (int i = 0; i < objects; i++) {
                    r.nextBytes(buf);
                    String c = f.containers().get(i % f.containers().size());
                    f.prodWritable.container(c).createIfNotExists();
                    f.prodWritable.container(c).getBlobClient(String.format("o%06d", i)).upload(BinaryData.fromBytes(buf), true);
                }
                BackupConfig cfg = new BackupConfig(f.config.backup().container(), Duration.ofDays(1), Duration.ofHours(1), 7, par);
                StorageAccount prod = f.session.connector().openReadOnly("production", f.session.accounts().production());
                BackupResult b = new BackupJob(prod, f.backupWritable, cfg, f.containers(), Clock.systemUTC(), f.workDir.resolve("c"),
                        Progress.NONE).run(BackupJob.Mode.FULL);
                DrillReport d = new io.drp.drill.DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE,
                        io.drp.report.ReportJson::write, io.drp.drill.DrillRunner.targetsFor(f.config))
                        .run(io.drp.testing.TestRequests.drill("bench-" + par, null, "region-outage", false, f.workDir.resolve("r"), par, true));
                double backup = objects / (b.elapsed().toMillis() / 1000.0);
                double restore = objects / step(d, "restore").durationSeconds();
                double mib = objects * (double) size / (1 << 20) / step(d, "restore").durationSeconds();
                double verify = objects / step(d, "verify").durationSeconds();
                System.out.printf(Locale.ROOT, "%11d  %12.0f  %13.0f  %13.1f  %12.0f%n", par, backup, restore, mib, verify);
            }
        }
    }

    private static StepRecord step(DrillReport r, String name) {
        return r.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
