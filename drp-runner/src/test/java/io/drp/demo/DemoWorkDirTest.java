package io.drp.demo;

import io.drp.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo wipes only a work dir it made: never .drp with its ledger and sweep plans. No storage is touched. */
class DemoWorkDirTest {

    @Test
    void demoRefusesAWorkDirItDidNotMakeAndLeavesItIntact(@TempDir Path tmp) throws Exception {
        Path drp = tmp.resolve(".drp");
        Path ledger = Files.createDirectories(drp.resolve("ledger")).resolve("drills.jsonl");
        Files.writeString(ledger, "{\"run\":\"kept\"}\n");
        Path plan = Files.createDirectories(drp.resolve("sweeps")).resolve("pending.plan");
        Files.writeString(plan, "snapshot line\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "demo", "--work-dir", drp.toString(), "--report-dir", tmp.resolve("r").toString(),
                "--ledger", tmp.resolve("l").toString());

        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, e + out);
        assertEquals(1, e.strip().lines().count(), "one line: " + e);
        assertTrue(e.contains(drp.toString()), e);
        assertEquals("{\"run\":\"kept\"}\n", Files.readString(ledger));
        assertEquals("snapshot line\n", Files.readString(plan));
        assertFalse(Files.exists(drp.resolve(DemoWorkDir.MARKER)), "a refused dir is not claimed either");
    }

    @Test
    void aWorkDirTheDemoMadeIsWipedAndMarkedAgain(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("w");
        DemoWorkDir.prepare(work);
        Path stale = Files.createDirectories(work.resolve("emulator").resolve("data")).resolve("blob");
        Files.writeString(stale, "old");

        DemoWorkDir.prepare(work);

        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(work.resolve("emulator")));
        assertTrue(Files.isRegularFile(work.resolve(DemoWorkDir.MARKER)));
    }

    @Test
    void anEmptyOrMissingWorkDirIsTaken(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DemoWorkDir.prepare(empty);
        DemoWorkDir.prepare(tmp.resolve("missing").resolve("deeper"));
        assertTrue(Files.isRegularFile(empty.resolve(DemoWorkDir.MARKER)));
        assertTrue(Files.isRegularFile(tmp.resolve("missing").resolve("deeper").resolve(DemoWorkDir.MARKER)));
    }
}
