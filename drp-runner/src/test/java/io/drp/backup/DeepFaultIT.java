package io.drp.backup;

import com.azure.core.http.HttpMethod;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DeepFaultHttpClient;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults in the middle of a transfer and after a write was applied: the result must not change. */
@ExtendWith(Azurite.class)
class DeepFaultIT {

    private static String path(com.azure.core.http.HttpRequest r) {
        return java.net.URLDecoder.decode(r.getUrl().getPath(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Put Blob (no comp) or Put Block List: the requests that make a blob exist. */
    private static boolean commit(String query) {
        return !query.contains("comp=") || query.contains("comp=blocklist");
    }

    private static BackupJob job(AzuriteEmulator azurite, DrillFixture f, DeepFaultHttpClient transport) {
        StorageSession s = StorageSession.ofEmulator(azurite, new StorageConnector(StorageConnector.defaultRetryOptions(), transport));
        StorageAccount prod = s.connector().openReadOnly("production", s.accounts().production());
        StorageAccount backup = s.connector().open("backup", s.accounts().backup());
        return new BackupJob(prod, backup, f.config.backup(), f.containers(), Clock.systemUTC(), f.workDir.resolve("cache"), Progress.NONE);
    }

    @Test
    void aConnectionResetMidBodyWhileDownloading20MiBIsResumedAndTheBytesAreExact(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(1);
        byte[] big = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(big);
        f.data().put(f.media(), "video/big.bin", big);
        DeepFaultHttpClient resets = new DeepFaultHttpClient(StorageConnector.defaultHttpClient(), DeepFaultHttpClient.Fault.RESET_MID_BODY,
                r -> r.getHttpMethod() == HttpMethod.GET && path(r).endsWith("/video/big.bin"), 2);

        BackupResult full = job(azurite, f, resets).run(BackupJob.Mode.FULL);

        assertTrue(resets.injected() >= 1, "the reset was injected");
        DrillReport r = f.drill(null, true, tmp.resolve("r"));
        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        assertEquals(DrillFixture.sha256(big), DrillFixture.contents(f.recovery, java.util.List.of(f.media())).get(f.media() + "/video/big.bin"));
        assertEquals(full.point().pointId(), r.measured().recoveryPoint());
    }

    @Test
    void aManifestCommitWhoseResponseWasLostIsRecognisedAsDrpsOwnWrite(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        DeepFaultHttpClient lose = new DeepFaultHttpClient(StorageConnector.defaultHttpClient(), DeepFaultHttpClient.Fault.LOSE_RESPONSE,
                r -> r.getHttpMethod() == HttpMethod.PUT && path(r).endsWith("/manifest.jsonl")
                        && commit(String.valueOf(r.getUrl().getQuery())), 1);

        BackupResult full = job(azurite, f, lose).run(BackupJob.Mode.FULL);

        assertEquals(1, lose.injected());
        assertEquals(0, full.point().seq());
        assertEquals(Verdict.PASSED, f.drill(null, false, tmp.resolve("r")).verdict());
        assertEquals(1, f.backup(BackupJob.Mode.INCREMENTAL).point().seq(), "the next point follows it normally");
    }
}
