package io.drp.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleProgressTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1 << 20;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private List<String> lines() {
        String text = buffer.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void aPipelineLogGetsOnePlainLineEveryFiveSecondsWithTotalBytesRateAndEta() {
        ConsoleProgress p = new ConsoleProgress(out, false, now::get);

        p.update("restore", 0, 1000, 0);          // the step starts
        now.addAndGet(2 * SECOND);
        p.update("restore", 200, 1000, 2 * MIB);  // 2 s in: too soon for a line
        now.addAndGet(3 * SECOND);
        p.update("restore", 500, 1000, 5 * MIB);  // 5 s in: 100 obj/s, 1 MiB/s, 500 left
        now.addAndGet(1 * SECOND);
        p.update("restore", 600, 1000, 6 * MIB);  // 1 s after the line: too soon again

        assertEquals(List.of("  restore  500/1000 objects, 5.0 MiB, 100 obj/s, 1.0 MiB/s, ETA 5 s"), lines());
    }

    @Test
    void aStepWithoutATotalShowsCountBytesAndRateButNoEta() {
        ConsoleProgress p = new ConsoleProgress(out, false, now::get);

        p.update("backup", 0, -1, 0);
        now.addAndGet(10 * SECOND);
        p.update("backup", 3000, -1, 30 * MIB);

        assertEquals(List.of("  backup   3000 objects, 30.0 MiB, 300 obj/s, 3.0 MiB/s"), lines());
    }

    @Test
    void anEtaOverAMinuteReadsInMinutes() {
        ConsoleProgress p = new ConsoleProgress(out, false, now::get);

        p.update("verify", 0, 100_000, 0);
        now.addAndGet(5 * SECOND);
        p.update("verify", 500, 100_000, 0); // 100 obj/s, 99,500 left: 995 s

        assertEquals(List.of("  verify   500/100000 objects, 0 B, 100 obj/s, 0 B/s, ETA 16 min 35 s"), lines());
    }

    @Test
    void eachStepMeasuresItsRateFromItsOwnStart() {
        ConsoleProgress p = new ConsoleProgress(out, false, now::get);
        p.update("restore", 0, 10, 0);
        now.addAndGet(100 * SECOND);
        p.done("restore");

        p.update("replay", 0, 40, 0);
        now.addAndGet(5 * SECOND);
        p.update("replay", 10, 40, 0);

        assertEquals(List.of("  replay   10/40 objects, 0 B, 2 obj/s, 0 B/s, ETA 15 s"), lines());
    }

    @Test
    void aTerminalGetsAProgressBarWithTheCountOutOfTheTotal() {
        ConsoleProgress p = new ConsoleProgress(out, true, now::get);

        p.update("backup", 0, 80, 0);
        now.addAndGet(2 * SECOND);
        p.update("backup", 20, 80, 4 * MIB);
        p.done("backup");

        String drawn = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("backup"), drawn);
        assertTrue(drawn.contains("20/80"), drawn);
        assertTrue(drawn.contains("25%"), drawn);
        assertTrue(drawn.contains("4.0 MiB, 2.0 MiB/s"), drawn);
    }
}
