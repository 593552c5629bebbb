package io.drp.watch;

import io.drp.config.WatchConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** An automatic drill response is scoped like a restore: the failed services at levels 1 and 2, every service at 3. */
class ResponsePlanTest {

    private static final WatchConfig DRILL = new WatchConfig(WatchConfig.DEFAULT_INTERVAL, WatchConfig.DEFAULT_TOLERANCE,
            WatchConfig.Response.DRILL, WatchConfig.RestoreTarget.RECOVERY, true, List.of(), WatchConfig.DEFAULT_TIMEOUT, List.of());
    private static final Instant START = Instant.parse("2026-11-24T03:00:00Z");

    @Test
    void aLevel2DrillResponseNamesTheFailedServices() {
        List<String> a = ResponsePlan.of(DRILL, true, Path.of("drp.yaml"), Path.of(".drp"), START, 2, Set.of("orders")).args();

        assertEquals(List.of("drill", "-c", "drp.yaml", "--work-dir", ".drp", "--disaster-at", START.toString(), "--scenario", "level-2",
                "--service", "orders"), a);
    }

    @Test
    void aLevel3DrillResponseIsEveryService() {
        List<String> a = ResponsePlan.of(DRILL, true, Path.of("drp.yaml"), Path.of(".drp"), START, 3, Set.of("orders")).args();

        assertFalse(a.contains("--service"), a.toString());
    }
}
