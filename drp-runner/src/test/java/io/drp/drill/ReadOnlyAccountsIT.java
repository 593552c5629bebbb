package io.drp.drill;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import io.drp.backup.BackupJob;
import io.drp.config.AccountLocation;
import io.drp.config.ConfigLoader;
import io.drp.config.DrpConfig;
import io.drp.config.Secret;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.report.ReportJson;
import io.drp.storage.ReadOnlyRequests;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read-only account stays read-only whatever its credential: with a connection string (drp narrows it to a
 * read+list SAS) and with a SAS token that grants every write, so that only drp's own request policy stands
 * between a bug and the account.
 */
@ExtendWith(Azurite.class)
class ReadOnlyAccountsIT {

    /** A SAS granting everything: the service would carry out any write sent with it. */
    private static String fullSas(StorageAccount writable) {
        return writable.client().generateAccountSas(new AccountSasSignatureValues(
                OffsetDateTime.now().plusHours(1), AccountSasPermission.parse("rwdlacup"),
                new AccountSasService().setBlobAccess(true),
                new AccountSasResourceType().setService(true).setContainer(true).setObject(true)));
    }

    @Test
    void writesThroughAReadOnlyClientOpenedWithAConnectionStringAreRefusedBeforeTheyAreSent(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        StorageAccount readOnly = f.session.connector().openReadOnly("production", f.session.accounts().production());

        assertWritesRefused(f, readOnly, "production");
    }

    @Test
    void writesThroughAReadOnlyClientOpenedWithAWritableSasAreRefusedBeforeTheyAreSent(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(2);
        AccountLocation sas = new AccountLocation(null, azurite.blobEndpoint("drpprod"), new Secret("PROD_SAS", fullSas(f.prodWritable)));
        StorageAccount readOnly = f.session.connector().openReadOnly("production", sas);
        assertFalse(readOnly.serverEnforced(), "with a SAS drp cannot narrow, only drp's policy stops a write");
        // the credential itself does allow writes: a plain client with the same SAS can write
        assertNotNull(f.session.connector().open("production", sas).container(f.orders()).getProperties());

        assertWritesRefused(f, readOnly, "production");
    }

    @Test
    void aDrillPassesWithWritableSasTokensOnProductionAndBackupAndWritesNeither(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture seed = new DrillFixture(azurite, tmp);
        seed.data().seed(5);
        Map<String, String> env = Map.of(
                "PROD_SAS", fullSas(seed.prodWritable),
                "BACKUP_SAS", fullSas(seed.backupWritable),
                "RECOVERY_CS", azurite.account("drprecovery").connectionString().reveal(),
                io.drp.config.BackupSigning.KEY_FILE_ENV, seed.signingKey.toString());
        String yaml = """
                version: 1
                storage:
                  production: { accountUrl: "%s", sasToken: "${env:PROD_SAS}" }
                  backup: { accountUrl: "%s", sasToken: "${env:BACKUP_SAS}" }
                  recovery: { connectionString: "${env:RECOVERY_CS}" }
                backup: { container: %s-backups, signing: { publicKeys: ["%s"] } }
                services:
                  all:
                    containers: [%s, %s, %s]
                    objectives:
                      region-outage: { rto: 10m, rpo: 1h }
                """.formatted(azurite.blobEndpoint("drpprod"), azurite.blobEndpoint("drpbackup"), seed.prefix, seed.publicKey.toAbsolutePath(),
                seed.orders(), seed.invoices(), seed.media());
        DrpConfig cfg = new ConfigLoader(env::get).parse("cfg.yaml", Path.of("cfg.yaml"), yaml, "0".repeat(64));
        List<String> backupContainers = List.of(seed.prefix + "-backups");

        try (StorageSession session = StorageSession.open(cfg, tmp.resolve("work"))) {
            StorageAccount prod = session.connector().openForSnapshots("production", session.accounts().production());
            StorageAccount backup = session.connector().open("backup", session.accounts().backup());
            new BackupJob(prod, backup, cfg.backup(), cfg.productionContainers(), Clock.systemUTC(), tmp.resolve("c"), Progress.NONE)
                    .run(BackupJob.Mode.FULL);
            Map<String, String> prodBefore = DrillFixture.fingerprint(seed.prodWritable, cfg.productionContainers());
            Map<String, String> backupBefore = DrillFixture.fingerprint(seed.backupWritable, backupContainers);

            DrillReport r = new DrillRunner(cfg, session, tmp.resolve("work"), Clock.systemUTC(), Progress.NONE, ReportJson::write,
                    DrillRunner.targetsFor(cfg)).run(TestRequests.drill("ro-" + seed.prefix, null, "region-outage", false,
                    tmp.resolve("r"), 4, true));

            assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
            assertEquals(15, r.integrity().objectsRestored());
            assertEquals(prodBefore, DrillFixture.fingerprint(seed.prodWritable, cfg.productionContainers()));
            assertEquals(backupBefore, DrillFixture.fingerprint(seed.backupWritable, backupContainers));
            assertWritesRefused(seed, session.connector().openReadOnly("backup", session.accounts().backup()), "backup");
        }
    }

    /** Upload, delete, set metadata and create container each refused by drp, and storage exactly as before. */
    private static void assertWritesRefused(DrillFixture f, StorageAccount readOnly, String role) {
        String victim = f.containers().get(0);
        String fresh = f.prefix + "-intruder";
        Map<String, String> before = DrillFixture.fingerprint(f.prodWritable, f.containers());
        Map<String, String> backupBefore = DrillFixture.fingerprint(f.backupWritable, List.of(f.prefix + "-backups"));
        BlobContainerClient c = readOnly.container(victim);

        assertRefused(role, () -> c.getBlobClient("intruder.txt").upload(BinaryData.fromString("x"), true));
        assertRefused(role, () -> c.getBlobClient("obj-0000.txt").upload(BinaryData.fromString("overwritten"), true));
        assertRefused(role, () -> c.getBlobClient("obj-0001.txt").delete());
        assertRefused(role, () -> c.getBlobClient("obj-0000.txt").setMetadata(Map.of("k", "v")));
        assertRefused(role, () -> readOnly.container(fresh).create());
        assertRefused(role, c::delete);

        assertEquals(before, DrillFixture.fingerprint(f.prodWritable, f.containers()));
        assertEquals(backupBefore, DrillFixture.fingerprint(f.backupWritable, List.of(f.prefix + "-backups")));
        assertTrue(f.prodWritable.container(victim).getBlobClient("obj-0000.txt").getProperties().getMetadata().isEmpty());
        assertFalse(f.prodWritable.container(fresh).exists());
        assertFalse(f.backupWritable.container(fresh).exists());
    }

    /** The SDK wraps what a pipeline policy throws; drp's refusal, naming the role, must be in the cause chain. */
    private static void assertRefused(String role, Executable call) {
        Throwable t = assertThrows(RuntimeException.class, call);
        while (t != null && !(t instanceof ReadOnlyRequests.Refused)) t = t.getCause();
        assertNotNull(t, "the request went to the service instead of being refused by drp");
        assertTrue(t.getMessage().contains(" to " + role + ":"), t.getMessage());
    }
}
