package io.drp.drill;

import com.azure.storage.blob.models.LeaseStateType;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;
import io.drp.recovery.LockedRun;
import io.drp.report.ReportJson;
import io.drp.storage.LeaseLock;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real SIGTERM to a child {@code drp drill} in the middle of its restore: the run winds down through its steps
 * into an ABORTED report that names the signal, releases the drill lease at once, and saves its resume state, so
 * that {@code drp drill --resume} finishes it.
 */
@ExtendWith(Azurite.class)
class DrillSignalIT {

    private static final int OBJECTS = 200; // per container: enough that a one-at-a-time restore is still running

    @Test
    void sigtermMidRestoreLeavesAnAbortedReportAReleasedLeaseAndAResumableRun(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(OBJECTS);
        f.backup(BackupJob.Mode.FULL);
        Path cfg = config(f, tmp);

        Process term = drill(azurite, cfg, tmp, "w1");
        waitForRestoredData(f, term, tmp.resolve("r"));
        term.destroy(); // SIGTERM on Linux
        assertTrue(term.waitFor(60, TimeUnit.SECONDS), "drp drill did not stop on SIGTERM");
        String out = Files.readString(tmp.resolve("w1.log"), StandardCharsets.UTF_8);
        assertEquals(143, term.exitValue(), out);

        DrillReport aborted = ReportJson.read(tmp.resolve("r").resolve("drill-report.json"));
        assertEquals(Verdict.ABORTED, aborted.verdict(), aborted.verdictReason());
        assertTrue(aborted.verdictReason().contains("the drill was stopped by a signal"), aborted.verdictReason());
        StepRecord restore = aborted.steps().stream().filter(s -> s.name().equals("restore")).findFirst().orElseThrow();
        assertEquals(StepStatus.ABORTED, restore.status(), restore.toString());
        assertEquals(LeaseStateType.AVAILABLE, f.recovery.container(LeaseLock.CONTAINER).getBlobClient(LockedRun.LOCK)
                .getProperties().getLeaseState(), "the stopped drill released its lease on the way out");

        Matcher id = Pattern.compile("drill (\\S+) on ").matcher(out);
        assertTrue(id.find(), out);
        Process resume = drill(azurite, cfg, tmp, "w2", "--resume", id.group(1));
        assertTrue(resume.waitFor(120, TimeUnit.SECONDS), "the resumed drill did not finish");
        String resumed = Files.readString(tmp.resolve("w2.log"), StandardCharsets.UTF_8);
        assertEquals(0, resume.exitValue(), resumed);
        DrillReport done = ReportJson.read(tmp.resolve("r").resolve("drill-report.json"));
        assertEquals(Verdict.PASSED, done.verdict(), done.verdictReason());
        assertEquals(OBJECTS * 3L, done.integrity().objectsRestored());
        assertEquals(0, done.integrity().mismatches());
    }

    private static Path config(DrillFixture f, Path tmp) throws IOException {
        String yaml = io.drp.testing.EnvConfig.yaml(f, "");
        return Files.writeString(tmp.resolve("drp.yaml"), yaml);
    }

    /** A child {@code drp drill}, one copy at a time, sharing the work dir so that a resume finds the first run's state. */
    private static Process drill(AzuriteEmulator azurite, Path cfg, Path tmp, String log, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main", "drill", "-c", cfg.toString(),
                "--work-dir", tmp.resolve("work").toString(), "--report-dir", tmp.resolve("r").toString(), "--parallelism", "1"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(log + ".log").toFile()); // destroy() closes a pipe before it can be read
        pb.environment().putAll(io.drp.testing.EnvConfig.env(azurite));
        return pb.start();
    }

    /** Returns once the child has restored some objects and has not written a report yet; fails if it finished first. */
    private static void waitForRestoredData(DrillFixture f, Process p, Path reports) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(p.isAlive(), "drp drill ended before it could be stopped");
            if (f.recovery.container(f.orders()).exists() && f.recovery.container(f.orders()).listBlobs().iterator().hasNext()) {
                assertFalse(Files.exists(reports.resolve("drill-report.json")), "the drill finished before it could be stopped; seed more");
                return;
            }
            Thread.onSpinWait(); // each listing is a request to the emulator: that is the wait
        }
        throw new AssertionError("drp drill restored nothing within 90 s");
    }
}
