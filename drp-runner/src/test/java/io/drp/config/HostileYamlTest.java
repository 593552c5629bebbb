package io.drp.config;

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

/** Hostile YAML (deep nesting, alias bombs) is one config line and exit 2 through the CLI, never a crash. */
class HostileYamlTest {

    record Run(int code, String out, String err) {}

    static Run drp(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assertOneConfigLine(Run r, Path file, String lineMark) {
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith(file + lineMark), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("Error") || r.err().contains("\tat "), r.err());
    }

    @Test
    void deepFlowNestingIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), "version: 1\nbackup: " + "[".repeat(3_000) + "\n");
        Run r = drp("validate", "-c", f.toString());
        assertOneConfigLine(r, f, ":2: ");
        assertTrue(r.err().contains("nested more than"), r.err());
    }

    @Test
    void veryDeepFlowNestingIsRefusedToo(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), "{a: ".repeat(200_000));
        assertOneConfigLine(drp("validate", "-c", f.toString()), f, ":1: ");
    }

    @Test
    void deepBlockNestingIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        // compact nested block sequences: "- - - x", one level per dash
        Path f = Files.writeString(tmp.resolve("drp.yaml"), "version: 1\nbackup:\n" + "- ".repeat(3_000) + "x\n");
        Run r = drp("validate", "-c", f.toString());
        assertOneConfigLine(r, f, ":3: ");
        assertTrue(r.err().contains("nested more than"), r.err());
    }

    @Test
    void aRealConfigIsWellWithinTheDepthLimit(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), """
                version: 1
                backup: { container: drp-backups, incrementalEvery: 1h }
                services:
                  orders:
                    containers: [orders]
                    objectives: { region-outage: { rto: 30m, rpo: 1h } }
                """);
        assertEquals(0, drp("validate", "-c", f.toString()).code());
    }

    @Test
    void anAliasBombInAStackFileIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        // each level doubles the one below, so n levels expand to 2^n leaves for whoever prints the value. 12 levels
        // (24 aliases) stay harmless here, so the test also runs on a reader without a limit; the same file shape
        // with 40 levels (80 aliases) would not, and both are refused by the same 20-alias limit.
        StringBuilder y = new StringBuilder("config:\n  l0: &l0 [x, x]\n");
        for (int i = 1; i <= 12; i++) y.append("  l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        y.append("  drp:location: *l12\n");
        Path f = Files.writeString(tmp.resolve("Pulumi.production.yaml"), y.toString());
        Run r = drp("plan", "--stack", "production", "--stack-config", f.toString());
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(f.toString()) && r.err().contains("aliases"), r.err());
    }

    @Test
    void deepNestingInAStackFileIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("Pulumi.production.yaml"), "config:\n  drp:location: " + "[".repeat(3_000) + "\n");
        Run r = drp("plan", "--stack", "production", "--stack-config", f.toString());
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(f + ":2: ") && r.err().contains("nested more than"), r.err());
    }
}
