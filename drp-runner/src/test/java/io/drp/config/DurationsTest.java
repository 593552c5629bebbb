package io.drp.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"30s,30", "15m,900", "4h,14400", "1d,86400", "1h30m,5400", "PT4H,14400", "2w,1209600"})
    void parsesHumanAndIsoDurations(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4", "h", "4 hours", "4x", "1h-5m", "--1h"})
    void rejectsWhatIsNotADuration(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("duration"), e.getMessage());
    }

    @Test
    void negativeAndZeroAreRejectedWhereAPositiveDurationIsRequired() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parsePositive("-5m")).getMessage().contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.parsePositive("0m")).getMessage().contains("greater than zero"));
    }

    @Test
    void formatsWithTheLargestExactUnits() {
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("1d2h", Durations.format(Duration.ofHours(26)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }
}
