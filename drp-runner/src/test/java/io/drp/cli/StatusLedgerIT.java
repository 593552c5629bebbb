package io.drp.cli;

import io.drp.backup.BackupJob;
import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerBook;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.EnvConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code drp status} as an operator runs it (a child process, secrets from the environment) on a ledger with a forged line. */
@ExtendWith(Azurite.class)
class StatusLedgerIT {

    @Test
    void aForgedPassedDrillDoesNotTurnAtRiskIntoPossible(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given a fresh backup and a ledger whose last drill FAILED (signed by a key drp.yaml does not list)
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        f.backup(BackupJob.Mode.FULL);
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        ReportJson.write(SampleReportsAccess.failed(), reports);
        var key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        assertTrue(!new LedgerBook(ledger, Optional.empty(), Optional.of(key)).record(SampleReportsAccess.failed(), reports).failed());
        Path cfg = Files.writeString(tmp.resolve("drp.yaml"), EnvConfig.yaml(f, "") + "ledger: { dir: '" + ledger + "' }\n");

        // when one hand-written line claims a passed drill that finished just now
        Path file = ledger.resolve(DrillLedger.FILE);
        LedgerCliTest.appendForgedPassedDrill(file, "d-forged", Instant.now());
        String ledgerBefore = Files.readString(file);
        ProcessBuilder p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main", "status", "-c", cfg.toString(),
                "--work-dir", tmp.resolve("work").toString()))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("status.log").toFile());
        p.environment().putAll(EnvConfig.env(azurite));
        Process status = p.start();
        assertTrue(status.waitFor(120, TimeUnit.SECONDS), "drp status did not finish");
        String out = Files.readString(tmp.resolve("status.log"), StandardCharsets.UTF_8);

        // then recovery is still at risk: the break is named, the last verified drill is the failed one
        assertEquals(1, status.exitValue(), out);
        assertTrue(out.contains("recovery AT RISK"), out);
        assertTrue(out.contains("PROBLEM ledger broken at line 2 (drill d-forged): record content does not match its hash")
                && out.contains("last verified drill: " + SampleReportsAccess.failed().drillId() + " FAILED"), out);
        assertTrue(out.contains("last drill: " + SampleReportsAccess.failed().drillId() + " FAILED"), out);
        assertTrue(out.contains("ledger: BROKEN, 1 verified record(s), signed (key ")
                && out.contains("signatures not checked (no public key configured)"), out);
        assertEquals(ledgerBefore, Files.readString(file), "status only reads the ledger");
    }
}
