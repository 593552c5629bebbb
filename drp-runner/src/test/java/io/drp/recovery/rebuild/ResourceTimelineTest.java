package io.drp.recovery.rebuild;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.serialization.internal.LocalSerializer;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine events of a real-format event log (src/test/resources/pulumi), read with the Automation API's own deserializer. */
class ResourceTimelineTest {

    private static List<EngineEvent> sample() throws Exception {
        LocalSerializer s = new LocalSerializer();
        return Files.readAllLines(Path.of(ResourceTimelineTest.class.getResource("/pulumi/event-log-sample.jsonl").toURI())).stream()
                .map(l -> s.deserializeJson(l, EngineEvent.class)).toList();
    }

    @Test
    void timesEachResourceFromPreEventToOutputsOrFailureOnDrpsClock() throws Exception {
        // given: the events arrive 0.4 s apart, except the storage account's failure, 26.35 s after its pre-event
        SteppableClock clock = new SteppableClock(Instant.parse("2024-06-10T06:13:20Z"));
        ResourceTimeline t = new ResourceTimeline(clock);
        List<EngineEvent> events = sample();

        // when
        for (EngineEvent e : events) {
            clock.step(e.diagnosticEvent() != null ? Duration.ofMillis(26_350) : Duration.ofMillis(400));
            t.accept(e);
        }

        // then
        List<ResourceTiming> timings = t.timings();
        assertEquals(2, timings.size(), "the stack resource itself is not timed");
        assertEquals("azure-native:resources:ResourceGroup", timings.get(0).type());
        assertEquals("recovery-rg", timings.get(0).name());
        assertEquals("create", timings.get(0).op());
        assertEquals(0.4, timings.get(0).seconds(), 1e-9);
        ResourceTiming failed = t.firstFailure().orElseThrow();
        assertEquals("recovery-data", failed.name());
        assertEquals(26.75, failed.seconds(), 1e-9, "drp's clock, not the engine's whole seconds (26 s)");
        assertTrue(failed.message().contains("StorageAccountAlreadyTaken"), failed.message());
        assertEquals(2, t.summaryCount(OperationType.CREATE));
        assertEquals(0, t.summaryCount(OperationType.DELETE));
    }

    @Test
    void aPreviewsPlannedStepsAreListedNotTimed() {
        ResourceTimeline t = new ResourceTimeline(new SteppableClock(Instant.EPOCH));
        LocalSerializer s = new LocalSerializer();

        t.accept(s.deserializeJson("{\"sequence\":1,\"timestamp\":0,\"resourcePreEvent\":{\"planning\":true,\"metadata\":{\"op\":\"create\","
                + "\"urn\":\"urn:pulumi:r::drp::azure-native:storage:StorageAccount::recovery-data\",\"type\":\"azure-native:storage:StorageAccount\"}}}",
                EngineEvent.class));

        assertEquals(List.of("create azure-native:storage:StorageAccount recovery-data"), t.planned());
        assertTrue(t.timings().isEmpty());
        assertEquals(-1, t.summaryCount(OperationType.CREATE), "no summary yet");
    }
}
