package io.drp.storage.emulator;

import io.drp.backup.BackupJob;
import io.drp.ledger.DrillLedger;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded emulator's two promises, on child {@code drp} processes as a user runs them: Ctrl-C at a terminal
 * (a SIGINT to the whole foreground process group) ends a drill with its verdict, resume command and ledger record,
 * and two runs never share one emulator data directory.
 */
class EmbeddedEmulatorIT {

    private static final int OBJECTS = 200; // per container, restored one at a time: the drill is still running when signalled

    @Test
    void ctrlCToTheProcessGroupEndsTheDrillWithItsVerdictResumeCommandAndLedgerRecord(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work");
        Path cfg = seededEmbeddedConfig(tmp, work);

        Process drill = drp(tmp, "drill.log", "drill", "-c", cfg.toString(), "--work-dir", work.toString(),
                "--report-dir", tmp.resolve("r").toString(), "--parallelism", "1");
        String started = awaitOutput(drill, tmp.resolve("drill.log"), Pattern.compile("drill (\\S+) on the embedded emulator"));
        // what a terminal's Ctrl-C does: SIGINT to every process of the foreground group, the emulator's parent included
        interruptProcessGroup(drill.pid());
        assertTrue(drill.waitFor(60, TimeUnit.SECONDS), "drp drill did not stop on SIGINT");
        String out = Files.readString(tmp.resolve("drill.log"), StandardCharsets.UTF_8);
        assertEquals(130, drill.exitValue(), out);

        DrillReport report = ReportJson.read(tmp.resolve("r").resolve("drill-report.json"));
        assertEquals(Verdict.ABORTED, report.verdict(), report.verdictReason());
        assertEquals(started, report.drillId());
        assertTrue(report.verdictReason().contains("stopped by a signal"), "the storage stayed up to the end: " + report.verdictReason());
        assertTrue(out.contains("drill " + started + ": ABORTED"), out);
        assertTrue(out.contains("resume with: drp drill -c " + cfg + " --work-dir " + work), out);
        String ledger = Files.readString(tmp.resolve("ledger").resolve(DrillLedger.FILE), StandardCharsets.UTF_8);
        assertTrue(ledger.contains(started) && ledger.contains("ABORTED"), ledger);
        assertFalse(anyAzuriteOver(work.resolve("emulator")), "the emulator was stopped on the way out");

        // the printed command, pasted as it is, finishes the run
        String resumeLine = out.lines().filter(l -> l.contains("resume with: ")).findFirst().orElseThrow();
        List<String> resume = new ArrayList<>(List.of(resumeLine.substring(resumeLine.indexOf("drp drill") + 4).split(" ")));
        Process again = drp(tmp, "resume.log", resume.toArray(String[]::new));
        assertTrue(again.waitFor(180, TimeUnit.SECONDS), "the resumed drill did not finish");
        assertEquals(0, again.exitValue(), Files.readString(tmp.resolve("resume.log"), StandardCharsets.UTF_8));
    }

    @Test
    void aSecondRunOverTheSameEmulatorDataIsRefusedAndTheFirstKeepsItsData(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work");
        Path cfg = seededEmbeddedConfig(tmp, work);
        try (AzuriteEmulator first = AzuriteEmulator.start(work.resolve("emulator"))) {
            // another process: the drill a second shell starts while the first run's emulator is up
            Process second = drp(tmp, "second.log", "drill", "-c", cfg.toString(), "--work-dir", work.toString(),
                    "--report-dir", tmp.resolve("r").toString());
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            String out = Files.readString(tmp.resolve("second.log"), StandardCharsets.UTF_8);
            assertEquals(3, second.exitValue(), out);
            assertTrue(out.contains("is in use by another drp run (drp pid " + ProcessHandle.current().pid() + ")"), out);
            assertFalse(Files.exists(tmp.resolve("r").resolve("drill-report.json")), "nothing ran");
            // and in one JVM as well (an OS file lock alone would let a second channel of the same JVM through)
            EmulatorFailure again = assertThrows(EmulatorFailure.class, () -> AzuriteEmulator.start(work.resolve("emulator")));
            assertTrue(again.getMessage().contains("in use by another drp run"), again.getMessage());
            assertTrue(first.isRunning());
            DrillFixture f = new DrillFixture(first, tmp);
            assertTrue(f.prodWritable.client().listBlobContainers().stream().count() >= 3, "the first run's data is intact");
        }
        // once the first is gone, the directory is free again
        try (AzuriteEmulator next = AzuriteEmulator.start(work.resolve("emulator"))) {
            assertTrue(next.isRunning());
        }
    }

    @Test
    void anEmulatorOrphanedByAKilledRunIsStoppedBeforeANewOneTakesItsData(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("emulator"));
        Process orphan = new ProcessBuilder("sleep", "300").start(); // stands for an Azurite whose drp was SIGKILLed
        try {
            String startedAt = orphan.toHandle().info().startInstant().orElseThrow().toString();
            Files.writeString(data.resolve(DataDirLock.FILE), "owner=999999\nemulator=" + orphan.pid() + "\nstarted=" + startedAt + "\n");
            try (AzuriteEmulator e = AzuriteEmulator.start(data)) {
                assertTrue(e.isRunning());
                assertFalse(orphan.isAlive(), "the orphan over the same data directory was stopped first");
            }
        } finally {
            orphan.destroyForcibly();
        }
    }

    /** Seeds production and takes a full backup in the emulator of {@code work}, then writes the embedded drp.yaml. */
    private static Path seededEmbeddedConfig(Path tmp, Path work) throws IOException {
        String prefix;
        Path publicKey;
        try (AzuriteEmulator seeding = AzuriteEmulator.start(work.resolve("emulator"))) {
            DrillFixture f = new DrillFixture(seeding, tmp);
            f.data().seed(OBJECTS);
            f.backup(BackupJob.Mode.FULL);
            prefix = f.prefix;
            publicKey = f.publicKey.toAbsolutePath(); // the fixture signs its points with its own key
        }
        String yaml = """
                version: 1
                backup: { container: %1$s-backups, signing: { publicKeys: ["%3$s"] } }
                services:
                  all:
                    containers: [%1$s-orders, %1$s-invoices, %1$s-media]
                    objectives:
                      region-outage: { rto: 10m, rpo: 24h }
                ledger: { dir: %2$s }
                """.formatted(prefix, tmp.resolve("ledger"), publicKey);
        return Files.writeString(tmp.resolve("drp.yaml"), yaml);
    }

    /** A child drp in a process group of its own (setsid), so that a group signal reaches it and not this JVM. */
    private static Process drp(Path tmp, String log, String... args) throws IOException {
        // env --default-signal: a test JVM started in the background inherits SIGINT ignored, as would its child
        List<String> cmd = new ArrayList<>(List.of("setsid", "env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(log).toFile()).start();
    }

    /**
     * Sends SIGINT to each member of the process group led by {@code leader}, one positive pid at a time, as the
     * kernel does for a terminal's Ctrl-C. (No negative pid is ever passed to kill: a mistake there signals far more
     * than the child.)
     */
    private static void interruptProcessGroup(long leader) throws IOException, InterruptedException {
        assertEquals(leader, processGroup(leader), "the child leads its own process group");
        List<Long> members = ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(p -> processGroup(p) == leader).toList();
        assertTrue(members.contains(leader), members.toString());
        for (long pid : members) {
            new ProcessBuilder("kill", "-s", "INT", Long.toString(pid)).inheritIO().start().waitFor();
        }
    }

    /** The process group of a process, from /proc (field 5 of stat, counted after the command name's closing paren). */
    private static long processGroup(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(after[2]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    private static String awaitOutput(Process p, Path log, Pattern line) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Matcher m = line.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) return m.group(1);
            assertTrue(p.isAlive(), "drp ended before it could be signalled: " + Files.readString(log, StandardCharsets.UTF_8));
            Thread.sleep(50); // polls a log file, not a clock
        }
        throw new AssertionError("drp printed no '" + line + "' within 90 s");
    }

    private static boolean anyAzuriteOver(Path data) {
        String location = data.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> List.of(a).contains(location)).orElse(false));
    }
}
