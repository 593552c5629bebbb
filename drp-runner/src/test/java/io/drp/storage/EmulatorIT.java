package io.drp.storage;

import io.drp.storage.emulator.AzuriteEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded emulator's life cycle: it must never outlive drp, whether drp ends normally or is interrupted. */
class EmulatorIT {

    @Test
    void closeStopsTheEmulatorAndFreesItsPort(@TempDir Path tmp) throws Exception {
        AzuriteEmulator e = AzuriteEmulator.start(tmp);
        int port = e.port();
        assertTrue(listening(port));

        e.close();

        assertFalse(e.isRunning());
        assertTrue(waitUntilClosed(port), "port " + port + " still open after close");
    }

    @Test
    void interruptingDrpStopsItsEmulator(@TempDir Path tmp) throws Exception {
        // drp demo in its own JVM; we interrupt it (SIGTERM, which runs the same shutdown hooks as Ctrl-C)
        // as soon as its emulator is up.
        Process drp = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main", "demo",
                "--work-dir", tmp.resolve("w").toString(), "--report-dir", tmp.resolve("r").toString()))
                .redirectErrorStream(true).start();
        Integer port = null;
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(drp.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            assertNotNull(port, "drp demo never reported its emulator");
            assertTrue(listening(port));

            drp.destroy();
            assertTrue(drp.waitFor(30, TimeUnit.SECONDS), "drp did not exit");
        }
        assertTrue(waitUntilClosed(port), "the emulator outlived drp on port " + port);
    }

    @Test
    void interruptingADrillLeavesAnAbortedReportAndStopsTheEmulator(@TempDir Path tmp) throws Exception {
        Process drp = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main", "demo",
                "--work-dir", tmp.resolve("w").toString(), "--report-dir", tmp.resolve("r").toString(),
                "--ledger", tmp.resolve("l").toString()))
                .redirectErrorStream(true).start();
        Integer port = null;
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        boolean drilling = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(drp.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) port = Integer.parseInt(m.group(1));
                if (line.contains("running the drill")) {
                    drilling = true;
                    break;
                }
            }
            assertTrue(drilling, "the demo never reached its drill");
            Thread.sleep(1_500); // into rebuild/restore: the drill takes several seconds
            drp.destroy();
            assertTrue(drp.waitFor(30, TimeUnit.SECONDS), "drp did not exit");
        }
        io.drp.model.DrillReport r = io.drp.report.ReportJson.read(tmp.resolve("r").resolve("drill-report.json"));
        assertTrue(r.verdict() == io.drp.model.Verdict.ABORTED, "verdict " + r.verdict());
        assertTrue(r.verdictReason().contains("stopped by a signal"), r.verdictReason());
        assertNotNull(port);
        assertTrue(waitUntilClosed(port), "the emulator outlived drp on port " + port);
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean waitUntilClosed(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!listening(port)) return true;
            Thread.sleep(100);
        }
        return false;
    }
}
