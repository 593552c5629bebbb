package io.drp.recovery;

import io.drp.config.AccountLocation;
import io.drp.config.Secret;
import io.drp.failure.UsageFailure;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which copy mode a run uses and the reason the report gives. Opening an account builds clients only: nothing connects. */
class CopyChoiceTest {

    private static final StorageConnector CONNECT = new StorageConnector();
    private static final String KEY = Base64.getEncoder().encodeToString("not a real key, 32 bytes long!!!".getBytes());

    private static StorageAccount keyed(String endpoint) {
        String cs = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + KEY + ";BlobEndpoint=" + endpoint;
        return CONNECT.openReadOnly("backup", AccountLocation.ofConnectionString(new Secret("CS", cs)));
    }

    private static StorageAccount sasToken(String endpoint) {
        return CONNECT.openReadOnly("backup", new AccountLocation(null, endpoint, new Secret("SAS", "sv=2024-08-04&sp=rl&sig=abc")));
    }

    private static final StorageAccount AZURE_TARGET = sasToken("https://recovery.blob.core.windows.net");

    @Test
    void autoCopiesServerSideBetweenAzureAccountsWhenDrpCanSignTheSourcesReadSas() {
        CopyChoice c = CopyChoice.decide(CopyMode.AUTO, keyed("https://acct.blob.core.windows.net"), AZURE_TARGET, false);

        assertEquals(CopyMode.SERVER, c.mode());
        assertTrue(c.reason().contains("service SAS (account key)"), c.reason());
    }

    @Test
    void autoStreamsOnTheEmulatorAndSaysWhy() {
        for (String endpoint : new String[] {"http://127.0.0.1:10000/acct", "http://azurite:10000/acct"}) {
            CopyChoice c = CopyChoice.decide(CopyMode.AUTO, keyed(endpoint), AZURE_TARGET, false);

            assertEquals(CopyMode.STREAM, c.mode(), endpoint);
            assertTrue(c.reason().contains("emulator"), c.reason());
        }
    }

    @Test
    void autoStreamsWhenTheSourceIsReachedWithAConfiguredSasToken() {
        CopyChoice c = CopyChoice.decide(CopyMode.AUTO, sasToken("https://acct.blob.core.windows.net"), AZURE_TARGET, false);

        assertEquals(CopyMode.STREAM, c.mode());
        assertTrue(c.reason().contains("SAS token"), c.reason());
        assertFalse(c.reason().contains("sig=abc"), "the reason never quotes the SAS");
    }

    @Test
    void askedModesAreKeptAndServerWithoutAGrantIsRefusedInOneLine() {
        assertEquals(CopyMode.STREAM, CopyChoice.decide(CopyMode.STREAM, keyed("https://acct.blob.core.windows.net"), AZURE_TARGET, false).mode());
        assertEquals(CopyMode.SERVER, CopyChoice.decide(CopyMode.SERVER, keyed("http://127.0.0.1:10000/acct"), AZURE_TARGET, false).mode(),
                "asked for, server mode runs on the emulator too");
        UsageFailure f = assertThrows(UsageFailure.class,
                () -> CopyChoice.decide(CopyMode.SERVER, sasToken("https://acct.blob.core.windows.net"), AZURE_TARGET, false));
        assertTrue(f.getMessage().startsWith("--copy-mode server: "), f.getMessage());
    }

    @Test
    void overwritingARealTargetStreamsBecauseOnlyAStreamedCopyIsVerifiedBeforeItReplacesAnything() {
        StorageAccount source = keyed("https://acct.blob.core.windows.net");

        CopyChoice auto = CopyChoice.decide(CopyMode.AUTO, source, AZURE_TARGET, true);

        assertEquals(CopyMode.STREAM, auto.mode());
        assertTrue(auto.reason().contains("--overwrite"), auto.reason());
        UsageFailure f = assertThrows(UsageFailure.class, () -> CopyChoice.decide(CopyMode.SERVER, source, AZURE_TARGET, true));
        assertTrue(f.getMessage().contains("--overwrite"), f.getMessage());
    }
}
