package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.listing.ListedObject;
import io.drp.testing.SyntheticManifests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import static io.drp.testing.SyntheticManifests.OBJECTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Loss over a 1,000,000-entry recovery point against a 1,000,000-object production listing, heap capped at 256 MiB. */
@Tag("heap")
class LossMeasurementHeapTest {

    private static final Instant T0 = SyntheticManifests.WATERMARK.plusSeconds(4 * 3600);

    @BeforeAll
    static void capped() {
        SyntheticManifests.requireHeapCap();
    }

    /**
     * Production at T0, generated lazily: the point's final state, except that objects with {@code i % 1000 == 7}
     * changed before T0 (lost) and {@code i % 1000 == 8} changed after it (not a loss); deleted objects stay deleted.
     */
    private static Iterator<ListedObject> production() {
        return new Iterator<>() {
            int i = 0;
            ListedObject pendingNew;

            @Override
            public boolean hasNext() {
                while (pendingNew == null && i < OBJECTS && SyntheticManifests.deletedAtTwo(i)) i++;
                return pendingNew != null || i < OBJECTS;
            }

            @Override
            public ListedObject next() {
                if (!hasNext()) throw new NoSuchElementException();
                if (pendingNew != null) {
                    ListedObject n = pendingNew;
                    pendingNew = null;
                    return n;
                }
                int k = i++;
                String etag = SyntheticManifests.finalEtag(k);
                Instant modified = SyntheticManifests.WATERMARK;
                if (k % 1000 == 7) {
                    etag = "changed-" + k;
                    modified = T0.minusSeconds(60);
                } else if (k % 1000 == 8) {
                    etag = "changed-" + k;
                    modified = T0.plusSeconds(60);
                }
                if (SyntheticManifests.addedAtTwo(k)) {
                    pendingNew = new ListedObject(SyntheticManifests.CONTAINER, SyntheticManifests.name(k) + "-n", SyntheticManifests.SIZE,
                            "n" + k, SyntheticManifests.WATERMARK, Map.of());
                }
                return new ListedObject(SyntheticManifests.CONTAINER, SyntheticManifests.name(k), SyntheticManifests.SIZE, etag, modified, Map.of());
            }
        };
    }

    @Test
    void lossOverAMillionObjectsIsCountedExactlyWithinTheHeapCap() {
        ManifestFile point = ManifestFile.open(SyntheticManifests.chain().get(2), null);

        Loss loss;
        try (Stream<ManifestEntry> live = point.entries().filter(ManifestEntry::live)) {
            loss = LossMeasurement.measure(live.iterator(), production(), T0, path -> "orders-service");
        }

        assertEquals(OBJECTS / 1000, loss.objects());
        assertEquals(OBJECTS / 1000 * SyntheticManifests.SIZE, loss.bytes());
        assertEquals(OBJECTS / 1000, loss.writtenAfterDisaster());
        assertEquals(Map.of("orders-service", (long) OBJECTS / 1000), loss.perService());
        assertEquals(SyntheticManifests.name(7), loss.sample().get(0).substring(SyntheticManifests.CONTAINER.length() + 1));
    }
}
