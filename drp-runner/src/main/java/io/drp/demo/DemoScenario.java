package io.drp.demo;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.pipeline.SignalGuard;
import io.drp.progress.Bytes;
import io.drp.progress.Progress;
import io.drp.recovery.DrillOptions;
import io.drp.recovery.RecoveryEngine;
import io.drp.recovery.RecoveryRequest;
import io.drp.recovery.RequestResolver;
import io.drp.recovery.VerifyMode;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The end-to-end demo: a fresh emulator, a seeded production, a full backup and two incrementals with
 * churn in between, writes after the last backup (so RPO and loss are non-zero and known), then a drill.
 */
public final class DemoScenario {

    /** What the demo knows independently of the drill, to compare with what the drill measured. */
    public record Result(DrillReport report, Path reportDir, Instant lastWatermark, Instant disasterAt,
                         int writtenAfterLastBackup, Duration wallTime) {

        public double expectedRpoSeconds() {
            return Duration.between(lastWatermark, disasterAt).toMillis() / 1000.0;
        }
    }

    private final Path workDir;
    private final Path reportDir;
    private final PrintWriter out;
    private final Progress progress;
    private final RecoveryEngine.ReportSink sink;
    private final Duration gapAfterLastBackup;

    public DemoScenario(Path workDir, Path reportDir, PrintWriter out, Progress progress, RecoveryEngine.ReportSink sink,
                        Duration gapAfterLastBackup) {
        this.workDir = workDir;
        this.reportDir = reportDir;
        this.out = out;
        this.progress = progress;
        this.sink = sink;
        this.gapAfterLastBackup = gapAfterLastBackup;
    }

    public Result run() throws IOException {
        long t = System.nanoTime();
        DemoWorkDir.prepare(workDir); // refuses a dir the demo did not make: never wipes .drp's ledger
        Path configFile = workDir.resolve("drp.yaml");
        try (InputStream in = DemoScenario.class.getResourceAsStream("/demo/drp.yaml")) {
            Files.copy(in, configFile, StandardCopyOption.REPLACE_EXISTING);
        }
        try (InputStream in = DemoScenario.class.getResourceAsStream("/demo/Pulumi.recovery.yaml")) {
            Files.copy(in, workDir.resolve("Pulumi.recovery.yaml"), StandardCopyOption.REPLACE_EXISTING);
        }
        DrpConfig cfg = io.drp.backup.BackupKeys.withWorkDirKeys(new ConfigLoader().load(configFile), workDir);
        Clock clock = Clock.systemUTC();
        out.println("1. starting the storage emulator (Azurite " + io.drp.storage.emulator.AzuriteLocator.PINNED_VERSION + ") ...");
        try (AzuriteEmulator emulator = AzuriteEmulator.start(workDir.resolve("emulator"));
             StorageSession session = StorageSession.ofEmulator(emulator, new StorageConnector())) {
            out.println("   listening on 127.0.0.1:" + emulator.port() + ", data in " + emulator.dataDir());
            StorageAccount prodWritable = session.connector().open("production", session.accounts().production());
            StorageAccount prodRead = session.connector().openForSnapshots("production", session.accounts().production());
            StorageAccount backup = session.connector().open("backup", session.accounts().backup());
            DemoDataset data = new DemoDataset(prodWritable, 20261124L);

            DemoDataset.Changes seeded = data.seed(220, 140, 30);
            out.printf("2. seeded production: %d objects, %s in %s%n", seeded.written().size(), Bytes.human(seeded.bytesWritten()),
                    DemoDataset.CONTAINERS);

            BackupJob job = new BackupJob(prodRead, backup, cfg.backup(), cfg.productionContainers(), clock,
                    workDir.resolve("cache").resolve("manifests"), progress);
            BackupResult full = job.run(BackupJob.Mode.FULL);
            report("3. full backup", full);
            DemoDataset.Changes c1 = data.churn(30, 20, 25, 12);
            out.printf("   churn: %d written, %d deleted%n", c1.written().size(), c1.deleted().size());
            BackupResult i1 = job.run(BackupJob.Mode.INCREMENTAL);
            report("   incremental 1", i1);
            DemoDataset.Changes c2 = data.churn(25, 10, 15, 8);
            out.printf("   churn: %d written, %d deleted%n", c2.written().size(), c2.deleted().size());
            BackupResult i2 = job.run(BackupJob.Mode.INCREMENTAL);
            report("   incremental 2", i2);

            long ordersAtLastBackup = prodWritable.container("orders").listBlobs().stream().count();
            DemoPlan plan = DemoPlan.write(configFile, workDir.resolve("drp.plan.yaml"), ordersAtLastBackup);

            // Writes after the last backup: the data a real disaster would lose.
            sleep(gapAfterLastBackup.dividedBy(2));
            DemoDataset.Changes lost = data.churn(10, 5, 0, 0);
            sleep(gapAfterLastBackup.dividedBy(2));
            Instant t0 = clock.instant();
            out.printf("4. wrote %d objects after the last backup; disaster declared at %s%n", lost.written().size(), t0);
            out.printf("   expected RPO = T0 - watermark of %s = %.3f s%n", i2.point().pointId(),
                    Duration.between(i2.point().watermark(), t0).toMillis() / 1000.0);

            // the service's RTO: a plan starts the orders app on the recovered data and waits until it counts what the point holds
            Path planned = workDir.resolve("drp.plan.yaml");
            String recoveryKey = session.accounts().recovery().connectionString().reveal();
            DrpConfig withPlan = io.drp.backup.BackupKeys.withWorkDirKeys(
                    new ConfigLoader(k -> DemoPlan.SECRET.equals(k) ? recoveryKey : System.getenv(k)).load(planned), workDir);
            out.printf("5. running the drill with the plan in %s: the RTO ends when orders answers /orders/count = %d ...%n",
                    planned, ordersAtLastBackup);
            DrillRunner runner = new DrillRunner(withPlan, session, workDir, clock, progress, sink, DrillRunner.targetsFor(withPlan));
            RecoveryRequest request = new RequestResolver(withPlan, clock, workDir)
                    .drill(new DrillOptions(t0, null, false, reportDir, null, VerifyMode.FULL, null));
            DrillReport report;
            try (SignalGuard stop = SignalGuard.onSignal("drill"); // Ctrl-C: an ABORTED report, as for drp drill
                 DemoPlan app = plan) {                          // and the orders app stopped, whatever happened
                report = runner.run(request, java.util.List.of(), stop).report();
            }
            return new Result(report, reportDir, i2.point().watermark(), t0, lost.written().size(),
                    Duration.ofNanos(System.nanoTime() - t));
        }
    }

    private void report(String label, BackupResult r) {
        out.printf("%s: %s, %d objects, %d copied (%s), %d deletions, %.2f s%n", label, r.point().pointId(), r.point().objects(),
                r.point().puts(), Bytes.human(r.point().putBytes()), r.point().deletes(), r.elapsed().toMillis() / 1000.0);
        // how consistent the point is: the snapshot sweep's length, or why it is fuzzy
        r.notes().stream().filter(n -> n.contains(" point: ")).forEach(n -> out.println("   " + n));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
