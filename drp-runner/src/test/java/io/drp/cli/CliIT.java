package io.drp.cli;

import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands end to end on the embedded emulator that drp starts itself (no storage block in drp.yaml). */
class CliIT {

    @Test
    void backupAndDrillOnTheEmbeddedEmulatorReportAbortsWithExitThree(@TempDir Path tmp) throws Exception {
        Path cfg = Files.writeString(tmp.resolve("drp.yaml"), CliTest.VALID);
        Path work = tmp.resolve("work");

        CliTest.Run backup = CliTest.drp("backup", "-c", cfg.toString(), "--work-dir", work.toString());
        assertEquals(3, backup.code(), backup.err());
        assertTrue(backup.err().contains("production container 'orders' does not exist"), backup.err());

        CliTest.Run drill = CliTest.drp("drill", "-c", cfg.toString(), "--work-dir", work.toString(), "--report-dir", tmp.resolve("r").toString(),
                "--no-controls");
        assertEquals(3, drill.code(), drill.out() + drill.err());
        // --no-controls reaches the report, which says why no negative control was planted
        DrillReport noControls = ReportJson.read(tmp.resolve("r").resolve(ReportJson.FILE_NAME));
        assertTrue(!noControls.controls().ran() && noControls.controls().notRunBecause().startsWith("--no-controls"),
                String.valueOf(noControls.controls()));
        assertTrue(drill.out().contains("ABORTED (plan: no restorable backup"), drill.out());
        assertTrue(drill.out().contains("resume with: drp drill -c " + cfg + " --work-dir " + work + " --report-dir " + tmp.resolve("r") + " --resume "),
                drill.out());
        DrillReport r = ReportJson.read(tmp.resolve("r").resolve(ReportJson.FILE_NAME));
        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(Files.isDirectory(work.resolve("emulator")), "the emulator keeps its data under the work dir");
    }
}
