package io.drp.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadableDurationTest {

    @Test
    void objectivesReadInTheUnitsTheirOwnersWrote() {
        assertEquals("10 min", ReadableDuration.of(600));
        assertEquals("4 h", ReadableDuration.of(4 * 3600));
        assertEquals("1 h 30 min", ReadableDuration.of(5400));
        assertEquals("1 d", ReadableDuration.of(86_400));
        assertEquals("1 d 1 h", ReadableDuration.of(90_000));
    }

    @Test
    void measurementsKeepThePrecisionTheyAreWorth() {
        assertEquals("9.2 s", ReadableDuration.of(9.2));
        assertEquals("45 s", ReadableDuration.of(45.0));
        assertEquals("250 ms", ReadableDuration.of(0.25));
        assertEquals("0 s", ReadableDuration.of(0));
        assertEquals("12 min 34 s", ReadableDuration.of(754.25));
        assertEquals("2 h 5 min", ReadableDuration.of(2 * 3600 + 5 * 60 + 20));
    }

    @Test
    void roundingCarriesIntoTheNextUnit() {
        assertEquals("1 min", ReadableDuration.of(59.96));
        assertEquals("1 h", ReadableDuration.of(3599.6));
        assertEquals("1 s", ReadableDuration.of(0.9996));
        assertEquals("1 d", ReadableDuration.of(86_399.0));
    }
}
