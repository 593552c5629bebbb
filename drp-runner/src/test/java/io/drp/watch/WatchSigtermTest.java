package io.drp.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code drp watch} in the foreground, in a JVM of its own, stopped the way a service manager stops it: SIGTERM
 * ({@link Process#destroy()} on Linux). It must finish the round in progress, say it stopped, keep a whole state
 * file and exit 0, as its exit-code list says.
 */
class WatchSigtermTest {

    /**
     * Waits until the child's output holds {@code fragment}, bounded. The output goes to a file, not a pipe: {@link
     * Process#destroy()} closes the parent's end of the pipes, and the line printed after SIGTERM would be lost.
     */
    private static boolean awaitOutput(Path file, String fragment, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // a JVM start on a loaded machine
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(fragment)) return true;
            if (!p.isAlive()) return Files.readString(file).contains(fragment);
            p.waitFor(20, TimeUnit.MILLISECONDS); // returns at once when the child exits
        }
        return false;
    }

    @Test
    void sigtermStopsTheForegroundWatchCleanlyWithExitZeroAndAWholeStateFile(@TempDir Path tmp) throws Exception {
        AtomicInteger probes = new AtomicInteger();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/health", x -> {
            probes.incrementAndGet();
            x.sendResponseHeaders(503, -1); // down: the first round is then one the watch reports
            x.close();
        });
        api.start();
        Process p = null;
        try {
            Path config = Files.writeString(tmp.resolve("drp.yaml"), """
                    version: 1
                    backup: { container: backups, fullEvery: 24h, incrementalEvery: 1h }
                    services:
                      orders: { containers: [orders] }
                    watch:
                      interval: 1s
                      timeout: 1s
                      probes:
                        infrastructure: false
                        functional: [{ name: api, url: "http://127.0.0.1:%d/health" }]
                    """.formatted(api.getAddress().getPort()));
            Path work = tmp.resolve("work");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.drp.cli.Main",
                    "watch", "-c", config.toString(), "--work-dir", work.toString())
                    .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile()).start();
            Path out = tmp.resolve("stdout.txt");

            assertTrue(awaitOutput(out, "drp watch: outage suspected (api", p), () -> "no first round reported: " + output(tmp));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the watch did not stop on SIGTERM");

            Path state = work.resolve("watch").resolve("state.json");
            assertEquals(0, p.exitValue(), () -> "exit code; " + output(tmp));
            assertTrue(Files.readString(out).contains("watch stopped; state kept in " + state), () -> "no clean-stop line: " + output(tmp));
            JsonNode s = new ObjectMapper().readTree(state.toFile()); // whole JSON, not a half-written file
            assertEquals("SUSPECTED", s.path("phase").asText());
            assertEquals("api", s.path("failedProbes").path(0).asText());
            try (var files = Files.list(state.getParent())) {
                assertEquals(List.of("state.json"), files.map(f -> f.getFileName().toString()).toList(), "no temporary state file left");
            }
            assertTrue(probes.get() >= 1);
        } finally {
            if (p != null && p.isAlive()) p.destroyForcibly();
            api.stop(0);
        }
    }

    private static String output(Path tmp) {
        try {
            return "stdout: " + Files.readString(tmp.resolve("stdout.txt")) + "; stderr: " + Files.readString(tmp.resolve("stderr.txt"));
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
