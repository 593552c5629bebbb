package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.listing.ListedObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LossMeasurementTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");
    private static final String SHA = "b".repeat(64);

    private static ManifestEntry recovered(String c, String n, String etag) {
        return new ManifestEntry(ManifestEntry.Op.PUT, c, n, 5, SHA, T0.minusSeconds(600), etag, 0);
    }

    private static ListedObject prod(String c, String n, String etag, Instant modified, long size) {
        return new ListedObject(c, n, size, etag, modified, Map.of());
    }

    @Test
    void countsOnlyObjectsThatExistedAtT0InAVersionTheRecoveryDoesNotHold() {
        Instant before = T0.minusSeconds(5), after = T0.plusSeconds(5);
        List<ManifestEntry> point = List.of(recovered("a", "same", "e1"), recovered("a", "stale", "e1"),
                recovered("a", "zz-deleted-since", "e1"), recovered("b", "x", "e1"));
        List<ListedObject> production = List.of(
                prod("a", "new-after-t0", "n2", after, 7),       // written after T0: not a loss, counted apart
                prod("a", "new-before-t0", "n1", before, 100),   // lost: written before T0, never backed up
                prod("a", "same", "e1", before, 5),             // recovered in that version
                prod("a", "stale", "e2", before, 30),           // changed before T0, recovered in an older version: lost
                prod("b", "x", "e9", after, 5));                // changed after T0: counted apart

        Loss loss = LossMeasurement.measure(point.iterator(), production.iterator(), T0, path -> path.startsWith("a/") ? "svc-a" : "svc-b");

        assertEquals(2, loss.objects());
        assertEquals(130, loss.bytes());
        assertEquals(List.of("a/new-before-t0", "a/stale"), loss.sample());
        assertEquals(2, loss.writtenAfterDisaster());
        assertEquals(Map.of("svc-a", 2L), loss.perService());
    }

    @Test
    void theNameSampleIsCappedButTheCountIsExact() {
        List<ListedObject> production = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) production.add(prod("a", String.format("o%03d", i), "e", T0.minusSeconds(1), 1));

        Loss loss = LossMeasurement.measure(List.<ManifestEntry>of().iterator(), production.iterator(), T0, p -> "s");

        assertEquals(120, loss.objects());
        assertEquals(50, loss.sample().size());
    }
}
