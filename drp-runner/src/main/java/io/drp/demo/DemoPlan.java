package io.drp.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The demo's recovery plan: once the data is verified, start the orders service (io.drp.demo.app.OrdersApp) on the
 * recovered {@code orders} container and wait until its {@code /orders/count} answers with the count the backup point
 * holds, then give media a moment. The drill's RTO then ends when the service answers, not when its bytes are verified.
 * The plan lives in its own file beside drp.yaml, so the drp.yaml the demo leaves behind stays usable by any command
 * (the plan needs the emulator's current key, which only this run knows).
 */
final class DemoPlan implements AutoCloseable {

    /** The environment variable the plan names for the app's storage secret (passed by name, never written to a file). */
    static final String SECRET = "ORDERS_STORAGE_CONNECTION_STRING";

    private final Path pidFile;

    private DemoPlan(Path pidFile) {
        this.pidFile = pidFile;
    }

    /** Writes drp.yaml plus the plan into {@code planned}, for a service that must count {@code expectedOrders}. */
    static DemoPlan write(Path baseConfig, Path planned, long expectedOrders) throws IOException {
        Path workDir = planned.toAbsolutePath().getParent();
        Path pid = workDir.resolve("orders-app.pid");
        Files.deleteIfExists(pid);
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String plan = """

                # The demo's recovery plan (written by drp demo for this run): the RTO ends when orders answers.
                plans:
                  demo:
                    scenarios: [region-outage]
                    groups:
                      - name: orders
                        services: [orders]
                        after:
                          - name: start-orders-app
                            shell: nohup "%s" -cp "$APP_CLASSPATH" io.drp.demo.app.OrdersApp > orders-app.log 2>&1 & echo $! > orders-app.pid
                            workingDir: "%s"
                            timeout: 30s
                            env:
                              APP_CLASSPATH: "%s"
                              PORT: "%d"
                              %s: "${env:%s}"
                          - name: orders-answer
                            http: http://127.0.0.1:%d/orders/count
                            jsonPointer: /count
                            equals: "%d"
                            timeout: 2m
                            every: 500ms
                      - name: media
                        services: [media]
                        after:
                          - name: media-settles
                            wait: 1s
                """.formatted(java, workDir, System.getProperty("java.class.path"), port, SECRET, SECRET, port, expectedOrders);
        Files.writeString(planned, Files.readString(baseConfig) + plan);
        return new DemoPlan(pid);
    }

    /** Stops the orders app the plan started, if it did: the demo's teardown of its service. */
    @Override
    public void close() {
        try {
            if (!Files.exists(pidFile)) return;
            Optional<ProcessHandle> app = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
            app.ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> {
                    p.destroyForcibly();
                    return p;
                }).join();
            });
        } catch (IOException | NumberFormatException e) {
            // nothing started, or a pid file the plan did not finish writing: there is nothing of ours to stop
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
