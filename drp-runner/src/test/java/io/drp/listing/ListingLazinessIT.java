package io.drp.listing;

import com.azure.core.util.BinaryData;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.RecordingHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Listings are pulled a page at a time through {@code iterator()}, as every merge-join reads them. A listing built
 * with {@code Stream.flatMap} fetched a whole container before handing out its first object, which holds a
 * container's every object in memory: this counts the List Blobs requests behind the first object.
 */
@ExtendWith(Azurite.class)
class ListingLazinessIT {

    private static final int BIG = 2_100; // three pages of 1,000

    @Test
    void theFirstObjectCostsOnePageAndTheRestComeAsTheyAreRead(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.prodWritable.container(f.orders()).createIfNotExists();
        f.prodWritable.container(f.invoices()).createIfNotExists();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> puts = new java.util.ArrayList<>();
            for (int i = 0; i < BIG; i++) {
                String name = String.format("n%05d", i);
                puts.add(pool.submit(() -> f.prodWritable.container(f.invoices()).getBlobClient(name).upload(BinaryData.fromString("x"), true)));
            }
            for (Future<?> p : puts) p.get();
        } finally {
            pool.shutdownNow();
        }
        f.prodWritable.container(f.orders()).getBlobClient("only").upload(BinaryData.fromString("y"), true);
        RecordingHttpClient wire = new RecordingHttpClient(StorageConnector.defaultHttpClient());
        StorageAccount prod = new StorageConnector(StorageConnector.defaultRetryOptions(), wire).open("production", f.session.accounts().production());

        try (Stream<ListedObject> listing = ContainerListing.of(prod, List.of(f.orders(), f.invoices()), false, false)) {
            Iterator<ListedObject> it = listing.iterator();
            // the fixture names sort invoices before orders: the big container comes first
            assertEquals("n00000", it.next().name());
            assertEquals(1, lists(wire), wire.requests().toString());
            for (int i = 1; i < 1_000; i++) it.next();
            assertEquals(1, lists(wire), "the first page serves its thousand objects");
            it.next();
            assertEquals(2, lists(wire));
            int rest = 0;
            while (it.hasNext()) {
                it.next();
                rest++;
            }
            assertEquals(BIG - 1_001 + 1, rest);
            assertEquals(4, lists(wire), "three pages of one container, one of the other");
        } finally {
            // the emulator is shared by every IT, and its default store scans an account's every object per request
            f.prodWritable.container(f.invoices()).delete();
        }
    }

    private static long lists(RecordingHttpClient wire) {
        return wire.count(r -> r.startsWith("GET ") && r.contains("comp=list"));
    }
}
