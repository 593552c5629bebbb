package io.drp.drill;

import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import io.drp.backup.BackupJob;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path used with real accounts: a {@code storage:} block with an account URL + SAS token and connection
 * strings from environment variables, opened by {@link StorageSession#open} rather than the embedded emulator.
 */
@ExtendWith(Azurite.class)
class ConfiguredStorageIT {

    @Test
    void drillRunsAgainstAccountsDeclaredInTheConfig(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture seed = new DrillFixture(azurite, tmp);
        seed.data().seed(5);
        String prodSas = seed.prodWritable.client().generateAccountSas(new AccountSasSignatureValues(
                OffsetDateTime.now().plusHours(1), AccountSasPermission.parse("rl"),
                new AccountSasService().setBlobAccess(true),
                new AccountSasResourceType().setService(true).setContainer(true).setObject(true)));
        Map<String, String> env = Map.of(
                "PROD_SAS", prodSas,
                "BACKUP_CS", azurite.account("drpbackup").connectionString().reveal(),
                "RECOVERY_CS", azurite.account("drprecovery").connectionString().reveal(),
                io.drp.config.BackupSigning.KEY_FILE_ENV, seed.signingKey.toString());
        String yaml = """
                version: 1
                storage:
                  production: { accountUrl: "%s", sasToken: "${env:PROD_SAS}" }
                  backup: { connectionString: "${env:BACKUP_CS}" }
                  recovery: { connectionString: "${env:RECOVERY_CS}" }
                backup: { container: %s-backups, signing: { publicKeys: ["%s"] } }
                services:
                  all:
                    containers: [%s, %s, %s]
                    objectives:
                      region-outage: { rto: 10m, rpo: 1h }
                """.formatted(azurite.blobEndpoint("drpprod"), seed.prefix, seed.publicKey.toAbsolutePath(), seed.orders(), seed.invoices(), seed.media());
        DrpConfig cfg = new ConfigLoader(env::get).parse("cfg.yaml", Path.of("cfg.yaml"), yaml, "0".repeat(64));

        try (StorageSession session = StorageSession.open(cfg, tmp.resolve("work"))) {
            assertFalse(session.embedded());
            StorageAccount prod = session.connector().openReadOnly("production", session.accounts().production());
            StorageAccount backup = session.connector().open("backup", session.accounts().backup());
            new BackupJob(prod, backup, cfg.backup(), cfg.productionContainers(), Clock.systemUTC(), tmp.resolve("c"), Progress.NONE)
                    .run(BackupJob.Mode.FULL);
            DrillReport r = new DrillRunner(cfg, session, tmp.resolve("work"), Clock.systemUTC(), Progress.NONE, ReportJson::write,
                    DrillRunner.targetsFor(cfg)).run(TestRequests.drill("cfg-" + seed.prefix, null, "region-outage", false,
                    tmp.resolve("r"), 4, true));

            assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
            assertEquals(15, r.integrity().objectsRestored());
            assertTrue(r.findings().stream().anyMatch(f -> f.code().equals("READ_ONLY_BY_CODE")),
                    "a SAS given by the user cannot be narrowed by drp, and the report says so");
            assertEquals(azurite.blobEndpoint("drpprod"), r.evidence().productionEndpoint());
        }
    }
}
