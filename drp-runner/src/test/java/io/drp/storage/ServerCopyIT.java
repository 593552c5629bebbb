package io.drp.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.digest.Sha256;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.PendingCopyHttpClient;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-side copy from the backup account into the recovery account on a real Azurite, both ways Azure
 * offers it: Copy Blob From URL, and asynchronous Copy Blob (reached with small objects by lowering the limit).
 * What arrived is checked with the plain SDK, not with drp's reading code.
 */
@ExtendWith(Azurite.class)
class ServerCopyIT {

    private static final BlobAttributes ATTRS = new BlobAttributes("text/html; charset=utf-8", "identity", "fr-FR",
            "inline; filename=\"a.html\"", "max-age=60", null, Map.of("owner", "web-team"), Map.of("app", "site"), "Cool");

    private record Setup(StorageAccount backup, StorageAccount backupWritable, StorageAccount recovery, String container) {
        BlobClient source(String name, byte[] bytes) {
            backupWritable.container(container).createIfNotExists();
            BlobClient b = backupWritable.container(container).getBlobClient(name);
            b.upload(BinaryData.fromBytes(bytes), true);
            return b;
        }

        BlockBlobClient dest(String name) {
            recovery.container(container).createIfNotExists();
            return recovery.container(container).getBlobClient(name).getBlockBlobClient();
        }
    }

    private static Setup setup(AzuriteEmulator azurite) {
        return setup(azurite, StorageConnector.defaultHttpClient());
    }

    private static Setup setup(AzuriteEmulator azurite, com.azure.core.http.HttpClient http) {
        StorageConnector c = new StorageConnector(StorageConnector.defaultRetryOptions(), http);
        return new Setup(c.openReadOnly("backup", azurite.account("drpbackup")), c.open("backup", azurite.account("drpbackup")), c.open("recovery", azurite.account("drprecovery")),
                "sc" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    private static ServerCopier copier(long syncLimit, AtomicInteger pauses) {
        return new ServerCopier(syncLimit, Duration.ofSeconds(1), Duration.ofMinutes(5), SteppableClock.startingNow(), d -> pauses.incrementAndGet());
    }

    private static void assertArrivedWithAttributes(BlockBlobClient dest, byte[] bytes, CopyOutcome out) {
        assertTrue(out.committed());
        BlobProperties p = dest.getProperties();
        assertEquals(Sha256.of(bytes), Sha256.of(dest.downloadContent().toBytes()));
        assertEquals(p.getETag(), out.destinationEtag(), "the ETag journalled is the object's ETag now");
        assertEquals("text/html; charset=utf-8", p.getContentType());
        assertEquals("fr-FR", p.getContentLanguage());
        assertEquals("inline; filename=\"a.html\"", p.getContentDisposition());
        assertEquals("max-age=60", p.getCacheControl());
        assertEquals(Map.of("owner", "web-team"), p.getMetadata());
        assertEquals(Map.of("app", "site"), dest.getTags());
        assertEquals("Cool", p.getAccessTier().toString());
    }

    @Test
    void copyFromUrlCarriesTheBytesAcrossAccountsAndTheManifestsAttributes(AzuriteEmulator azurite) {
        Setup s = setup(azurite);
        byte[] bytes = "<html>restored server-side</html>".getBytes();
        s.source("chains/c1/data/000000/web/a.html", bytes);
        BlockBlobClient dest = s.dest("a.html");

        CopyOutcome out = copier(ServerCopier.COPY_FROM_URL_LIMIT, new AtomicInteger()).copy(s.backup().readGrant(), s.container(),
                "chains/c1/data/000000/web/a.html", dest, Sha256.of(bytes), bytes.length, ATTRS);

        assertArrivedWithAttributes(dest, bytes, out);
    }

    @Test
    void theRecoveredBlobKeepsNoReadSasAsItsCopySourceOnEitherCopyPath(AzuriteEmulator azurite) {
        Setup s = setup(azurite);
        byte[] small = "<html>small</html>".getBytes();
        byte[] big = new byte[64 * 1024];
        new java.util.Random(11).nextBytes(big);
        s.source("src/small.html", small);
        s.source("src/big.bin", big);
        BlockBlobClient syncDest = s.dest("small.html");
        BlockBlobClient asyncDest = s.dest("big.bin");

        CopyOutcome sync = copier(ServerCopier.COPY_FROM_URL_LIMIT, new AtomicInteger()).copy(s.backup().readGrant(), s.container(),
                "src/small.html", syncDest, Sha256.of(small), small.length, ATTRS);
        CopyOutcome async = copier(1024, new AtomicInteger()).copy(s.backup().readGrant(), s.container(),
                "src/big.bin", asyncDest, Sha256.of(big), big.length, ATTRS);

        for (BlockBlobClient dest : List.of(syncDest, asyncDest)) {
            String source = s.recovery().container(s.container()).getBlobClient(dest.getBlobName()).getProperties().getCopySource();
            assertFalse(source != null && source.toLowerCase().contains("sig="), dest.getBlobName() + " still records a SAS as its copy source");
            assertFalse(source != null && source.contains(azurite.blobEndpoint("drpbackup")),
                    dest.getBlobName() + " still points at the backup account: " + source);
        }
        assertArrivedWithAttributes(syncDest, small, sync);
        assertArrivedWithAttributes(asyncDest, big, async);
    }

    @Test
    void aboveTheLimitTheAsynchronousCopyIsPolledToTheEnd(AzuriteEmulator azurite) {
        Setup s = setup(azurite);
        byte[] bytes = new byte[300 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        s.source("big.bin", bytes);
        BlockBlobClient dest = s.dest("big.bin");
        AtomicInteger pauses = new AtomicInteger();

        CopyOutcome out = copier(1024, pauses).copy(s.backup().readGrant(), s.container(), "big.bin", dest, Sha256.of(bytes), bytes.length, ATTRS);

        assertArrivedWithAttributes(dest, bytes, out);
        assertNotNull(dest.getProperties().getCopyId(), "an asynchronous Copy Blob leaves its copy id on the destination");
    }

    @Test
    void aPendingCopyIsPolledAtTheInjectedIntervalUntilItSucceeds(AzuriteEmulator azurite) {
        PendingCopyHttpClient slow = new PendingCopyHttpClient(StorageConnector.defaultHttpClient());
        Setup s = setup(azurite, slow);
        byte[] bytes = "copied slowly".getBytes();
        s.source("slow.txt", bytes);
        SteppableClock clock = SteppableClock.startingNow();
        List<Duration> pauses = new ArrayList<>();
        ServerCopier copier = new ServerCopier(0, Duration.ofSeconds(3), Duration.ofMinutes(1), clock, d -> {
            clock.step(d);
            pauses.add(d);
        });
        slow.pendFor(2);

        CopyOutcome out = copier.copy(s.backup().readGrant(), s.container(), "slow.txt", s.dest("slow.txt"), Sha256.of(bytes), bytes.length, ATTRS);

        assertTrue(out.committed());
        assertEquals(2, slow.answeredPending());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), pauses, "one pause after each pending answer");
    }

    @Test
    void aCopyStillPendingAtTheTimeoutIsAbortedRemovedAndReported(AzuriteEmulator azurite) {
        PendingCopyHttpClient stuck = new PendingCopyHttpClient(StorageConnector.defaultHttpClient());
        Setup s = setup(azurite, stuck);
        byte[] bytes = "never finishes".getBytes();
        s.source("stuck.txt", bytes);
        SteppableClock clock = SteppableClock.startingNow();
        ServerCopier copier = new ServerCopier(0, Duration.ofSeconds(10), Duration.ofSeconds(30), clock, clock::step);
        BlockBlobClient dest = s.dest("stuck.txt");
        stuck.pendFor(Integer.MAX_VALUE);

        StorageError e = assertThrows(StorageError.class, () -> copier.copy(s.backup().readGrant(), s.container(), "stuck.txt", dest,
                Sha256.of(bytes), bytes.length, ATTRS));

        assertTrue(e.getMessage().contains("still pending") && e.getMessage().contains("stuck.txt"), e.getMessage());
        assertFalse(e.getMessage().contains("sig="), "the message never quotes the source URL");
        stuck.pendFor(0);
        assertFalse(dest.exists(), "an abandoned copy is not left behind");
        assertEquals(5, stuck.answeredPending(), "polled at 0, 10, 20, 30 and 40 s: only 40 s is past the 30 s deadline");
    }

    @Test
    void aCopyWhoseBytesAreNotTheManifestsIsDeletedNotLeftInPlace(AzuriteEmulator azurite) {
        Setup s = setup(azurite);
        byte[] bytes = "tampered backup bytes".getBytes();
        s.source("bad.txt", bytes);
        for (long limit : new long[] {ServerCopier.COPY_FROM_URL_LIMIT, 0}) {
            BlockBlobClient dest = s.dest("bad-" + limit + ".txt");

            CopyOutcome out = copier(limit, new AtomicInteger()).copy(s.backup().readGrant(), s.container(), "bad.txt", dest,
                    Sha256.of("the bytes the manifest recorded"), bytes.length, ATTRS);

            assertFalse(out.committed());
            assertEquals(Sha256.of(bytes), out.sha256(), "the outcome says what the copy held");
            assertFalse(dest.exists(), "limit " + limit + ": the unverified copy must be gone");
        }
    }

    @Test
    void aMissingSourceFailsWithTheServicesCodeAndWritesNothing(AzuriteEmulator azurite) {
        Setup s = setup(azurite);
        s.backupWritable().container(s.container()).createIfNotExists();
        BlockBlobClient dest = s.dest("gone.txt");

        BlobStorageException e = assertThrows(BlobStorageException.class, () -> copier(ServerCopier.COPY_FROM_URL_LIMIT, new AtomicInteger())
                .copy(s.backup().readGrant(), s.container(), "gone.txt", dest, Sha256.of("x"), 1, ATTRS));

        assertTrue(ServerCopier.sourceMissing(e), e.getStatusCode() + " " + e.getErrorCode());
        assertFalse(dest.exists());
    }
}
