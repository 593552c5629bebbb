package io.drp.cli;

import io.drp.demo.DemoDataset;
import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code drp restore} end to end on the demo's emulator data: the --yes gate, the dry run, and a real run. */
class RestoreCliIT {

    private static Map<String, String> production(Path work) {
        try (AzuriteEmulator e = AzuriteEmulator.start(work.resolve("emulator"));
             StorageSession s = StorageSession.ofEmulator(e, new StorageConnector())) {
            StorageAccount prod = s.connector().openReadOnly("production", s.accounts().production());
            return DrillFixture.fingerprint(prod, DemoDataset.CONTAINERS);
        }
    }

    @Test
    void productionNeedsYesTheDryRunWritesNothingAndARealRunReportsAsARestore(@TempDir Path tmp) throws Exception {
        // given the demo's production, backups and drill
        Path work = tmp.resolve("work");
        CliTest.Run demo = CliTest.drp("demo", "--work-dir", work.toString(), "--report-dir", tmp.resolve("demo").toString(),
                "--ledger", tmp.resolve("ledger").toString(), "--gap", "1s");
        assertTrue(demo.code() == 0 || demo.code() == 1, demo.out() + demo.err());
        String cfg = work.resolve("drp.yaml").toString();
        Map<String, String> before = production(work);

        // when restoring into production without --yes
        CliTest.Run refused = CliTest.drp("restore", "-c", cfg, "--work-dir", work.toString(), "--target", "production",
                "--report-dir", tmp.resolve("refused").toString());

        // then drp says what it would write, exits 2, and production is unchanged
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.out().contains("dry run: would restore ") && refused.out().contains("into production"), refused.out());
        assertTrue(refused.err().contains("--yes"), refused.err());
        assertEquals(before, production(work));
        assertFalse(Files.exists(tmp.resolve("refused")));

        // and a dry run into recovery prints the copy counts and an estimate line, and writes nothing
        CliTest.Run dry = CliTest.drp("restore", "-c", cfg, "--work-dir", work.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("to copy: ") && dry.out().contains("estimated copy time: "), dry.out());

        // and a real run into the recovery account passes and writes restore-report.* with kind "restore"
        CliTest.Run real = CliTest.drp("restore", "-c", cfg, "--work-dir", work.toString(), "--report-dir", tmp.resolve("r").toString());
        assertEquals(0, real.code(), real.out() + real.err());
        DrillReport r = ReportJson.read(tmp.resolve("r").resolve("restore-report.json"));
        assertEquals("restore", r.kind());
        assertTrue(real.out().contains("restore " + r.drillId() + ": PASSED"), real.out());
        assertTrue(Files.isRegularFile(tmp.resolve("r").resolve("restore-report.junit.xml")));
        assertEquals(before, production(work), "a restore into recovery leaves production alone");
        // the controls are on by default: three faults planted in the recovery account, each caught
        assertTrue(r.controls().ran() && r.controls().planted().size() == 3 && r.controls().allCaught(), String.valueOf(r.controls()));

        // and --no-controls turns them off, which the report says
        CliTest.Run bare = CliTest.drp("restore", "-c", cfg, "--work-dir", work.toString(), "--report-dir", tmp.resolve("bare").toString(),
                "--overwrite", "--no-controls");
        assertEquals(0, bare.code(), bare.out() + bare.err());
        DrillReport b = ReportJson.read(tmp.resolve("bare").resolve("restore-report.json"));
        assertTrue(!b.controls().ran() && b.controls().notRunBecause().startsWith("--no-controls"), String.valueOf(b.controls()));

        // and a labelled snapshot is listed and found by its label
        String w = work.toString();
        assertEquals(2, CliTest.drp("backup", "-c", cfg, "--work-dir", w, "--label", "before-x").code(), "--label needs --full");
        CliTest.Run labelled = CliTest.drp("backup", "-c", cfg, "--work-dir", w, "--full", "--label", "before-x");
        assertEquals(0, labelled.code(), labelled.out() + labelled.err());
        CliTest.Run list = CliTest.drp("backup", "-c", cfg, "--work-dir", w, "--list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("4 point(s)") && list.out().contains("before-x"), list.out());
        String pointId = labelled.out().split("backup point ")[1].split(" ")[0];
        CliTest.Run byLabel = CliTest.drp("restore", "-c", cfg, "--work-dir", w, "--label", "before-x", "--dry-run");
        assertTrue(byLabel.out().contains("would restore " + pointId), byLabel.out() + byLabel.err());
    }
}
