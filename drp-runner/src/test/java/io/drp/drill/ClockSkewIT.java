package io.drp.drill;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupResult;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.progress.Progress;
import io.drp.recovery.DrillOptions;
import io.drp.recovery.RequestResolver;
import io.drp.recovery.VerifyMode;
import io.drp.report.ReportJson;
import io.drp.storage.ServiceClock;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One clock: a runner whose clock is two seconds behind the storage service's. Judged on its own clock, the RPO
 * shrinks by two seconds and an object written just before the drill looks written after T0, so its loss goes
 * uncounted. Aligned on the service's time, the same runner reports the true RPO and counts the loss, and says
 * how far off its clock is.
 */
@ExtendWith(Azurite.class)
class ClockSkewIT {

    private static final Duration BEHIND = Duration.ofSeconds(-2);

    private static DrillReport drill(DrillFixture f, Clock clock, Path reportDir) throws Exception {
        DrillRunner runner = new DrillRunner(f.config, f.session, f.workDir, clock, Progress.NONE, ReportJson::write,
                DrillRunner.targetsFor(f.config));
        return runner.run(new RequestResolver(f.config, clock, f.workDir)
                .drill(new DrillOptions(null, null, false, reportDir, 4, VerifyMode.FULL, null)));
    }

    @Test
    void aRunnerTwoSecondsBehindGetsAFindingTheSameRpoAndTheSameLossAsACorrectClock(AzuriteEmulator azurite, @TempDir Path tmp)
            throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        // the point's watermark is set three seconds back, so that T0 on the slow clock still falls after it however
        // fast the backup ran; the RPO is measured from the watermark the point records, whatever clock set it
        BackupResult b = f.backup(BackupJob.Mode.FULL, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-3)));
        Instant watermark = b.point().watermark();
        Clock behind = Clock.offset(Clock.systemUTC(), BEHIND);

        // an object written after the point, just before each drill: a loss on any honest clock
        f.data().put(f.orders(), "late-1.txt", "written after the last backup");
        Instant rawFrom = Instant.now();
        DrillReport raw = drill(f, behind, tmp.resolve("raw"));
        f.data().put(f.orders(), "late-2.txt", "written after the last backup");
        Instant from = Instant.now();
        ServiceClock aligned = ServiceClock.align(behind, f.backupWritable.client());
        DrillReport fixed = drill(f, aligned, tmp.resolve("aligned"));
        Instant to = Instant.now();

        // the runner's own clock: the RPO is two seconds short and the late object is not counted as lost
        assertTrue(raw.measured().rpoSeconds() < seconds(watermark, rawFrom) - 1.5, raw.measured().toString());
        assertEquals(0, raw.integrity().objectsLost(), "judged on a clock two seconds behind, the late write looks after T0");

        // aligned on the service: the finding, the RPO of an honest clock, and both late objects lost
        assertTrue(aligned.corrected());
        assertEquals(-2.0, aligned.skew().toMillis() / 1000.0, 0.1, "measured skew");
        double rpo = fixed.measured().rpoSeconds();
        assertTrue(rpo >= seconds(watermark, from) - 0.1 && rpo <= seconds(watermark, to) + 0.1,
                "RPO " + rpo + " s, expected between " + seconds(watermark, from) + " and " + seconds(watermark, to));
        assertEquals(2, fixed.integrity().objectsLost(), fixed.integrity().lostObjects().toString());
        Finding skew = fixed.findings().stream().filter(x -> x.code().equals("CLOCK_SKEW")).findFirst().orElseThrow();
        assertTrue(skew.message().contains("drp used the service's time"), skew.message());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
