package io.drp.cli;

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

/** The command line contract: exit codes and one-line errors. No storage is touched here. */
class CliTest {

    record Run(int code, String out, String err) {}

    static Run drp(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String VALID = """
            version: 1
            backup:
              container: drp-backups
              incrementalEvery: 1h
            services:
              orders:
                containers: [orders]
                objectives:
                  region-outage: { rto: 30m, rpo: 1h }
            """;

    @Test
    void validateAcceptsAValidFile(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), VALID);
        Run r = drp("validate", "-c", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("is valid: 1 service(s)"), r.out());
    }

    @Test
    void eachKindOfBadConfigExitsTwoWithOneFileLineMessage(@TempDir Path tmp) throws Exception {
        String[][] cases = {
                {"malformed", "version: 1\nbackup: [\n", ":3: malformed YAML"},
                {"unknown", VALID.replace("incrementalEvery: 1h", "incrementalEvery: 1h\n  colour: blue"), ":5: backup.colour: unknown field"},
                {"negative", VALID.replace("rto: 30m", "rto: -30m"), ":9: services.orders.objectives.region-outage.rto:"},
                {"zero", VALID.replace("rpo: 1h", "rpo: 0s"), ":9: services.orders.objectives.region-outage.rpo:"},
                // an unset secret is not a validate error any more (validate never connects): StaticCommandsTest
        };
        for (String[] c : cases) {
            Path f = Files.writeString(tmp.resolve(c[0] + ".yaml"), c[1]);
            Run r = drp("validate", "-c", f.toString());
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            String line = r.err().strip();
            assertFalse(line.contains("\n"), c[0] + " should be one line: " + line);
            assertTrue(line.startsWith(f.toString() + ":"), c[0] + ": " + line);
            assertTrue(line.contains(c[2]), c[0] + ": expected '" + c[2] + "' in: " + line);
            assertFalse(line.contains("Exception"), c[0] + " leaked a stack trace: " + line);
        }
    }

    @Test
    void rpoShorterThanTheBackupIntervalIsOnlyAWarning(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), VALID.replace("rpo: 1h", "rpo: 10m"));
        Run r = drp("validate", "-c", f.toString());
        assertEquals(0, r.code());
        assertTrue(r.err().startsWith("warning: " + f + ":9: services.orders.objectives.region-outage.rpo: an RPO of 10m"), r.err());
    }

    @Test
    void missingOrDirectoryConfigExitsTwo(@TempDir Path tmp) {
        Run missing = drp("validate", "-c", tmp.resolve("none.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("file not found"), missing.err());
        Run dir = drp("drill", "-c", tmp.toString());
        assertEquals(2, dir.code());
        assertTrue(dir.err().contains("is a directory"), dir.err());
    }

    @Test
    void anUnreadableConfigExitsTwoEvenForRoot() {
        // permissions do not stop root (CI runs as root); /proc/self/mem is readable by mode but fails on read
        Path unreadable = Path.of("/proc/self/mem");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(unreadable), "needs Linux /proc");
        Run r = drp("validate", "-c", unreadable.toString());
        assertEquals(2, r.code());
        assertEquals("/proc/self/mem: cannot be read (Input/output error); check the file and the disk", r.err().strip());
    }

    @Test
    void badUsageExitsTwo(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), VALID);
        assertEquals(2, drp("no-such-command").code());
        assertEquals(2, drp("drill", "--no-such-option").code());
        Run badInstant = drp("drill", "-c", f.toString(), "--disaster-at", "yesterday");
        assertEquals(2, badInstant.code());
        assertTrue(badInstant.err().contains("not an ISO-8601 UTC instant"), badInstant.err());
        Run future = drp("drill", "-c", f.toString(), "--disaster-at", "2999-01-01T00:00:00Z");
        assertEquals(2, future.code());
        Run scenario = drp("drill", "-c", f.toString(), "--scenario", "meteor");
        assertEquals(2, scenario.code());
        assertTrue(scenario.err().contains("scenario 'meteor' is not declared"), scenario.err());
    }

    @Test
    void helpListsTheExitCodes() {
        Run r = drp("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("3   drill aborted"), r.out());
    }

    @Test
    void anUnknownCopyModeIsOneLineNamingTheChoicesAndExitsTwo() {
        for (String command : new String[] {"drill", "restore"}) {
            Run r = drp(command, "--copy-mode", "sideways");

            assertEquals(2, r.code(), command + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--copy-mode") && r.err().contains("sideways") && r.err().contains("stream, server, auto"), r.err());
        }
    }

    @Test
    void aLevel2DrillWithoutTheFailedServiceExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), VALID + """
                  media:
                    containers: [media]
                """);

        Run r = drp("drill", "-c", f.toString(), "--work-dir", tmp.resolve("work").toString(), "--scenario", "level-2");

        assertEquals(2, r.code(), r.err());
        assertEquals("drp drill: a level-2 drill rebuilds the failed service only: name it with --service (declared: [orders, media])",
                r.err().strip());
        assertFalse(Files.exists(tmp.resolve("work").resolve("drills")), "refused before anything ran");
    }
}
