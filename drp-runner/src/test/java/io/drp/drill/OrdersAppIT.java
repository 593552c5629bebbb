package io.drp.drill;

import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's application, examples/orders-app, brought back by a recovery plan on Azurite: a run action starts it
 * against the restored orders container, and the http check over real HTTP passes when it counts the restored orders.
 */
@ExtendWith(Azurite.class)
class OrdersAppIT {

    @Test
    void thePlanStartsTheOrdersAppOnTheRestoredContainerAndItsCountEndsTheRto(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path pidFile = tmp.resolve("app.pid");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String connection = azurite.account("drprecovery").connectionString().reveal();
        int p = port;
        DrillFixture f = new DrillFixture(azurite, tmp, "{ rto: 10m, rpo: 1h }", "{ rto: 30m, rpo: 4h }", prefix -> """
                plans:
                  outage:
                    scenarios: [region-outage]
                    groups:
                      - name: orders
                        services: [orders]
                        after:
                          - name: start-orders-app
                            shell: ORDERS_CONTAINER="$DRP_CONTAINER_%s" nohup %s -cp "$APP_CP" io.drp.demo.app.OrdersApp > app.out 2>&1 & echo $! > %s
                            workingDir: %s
                            env:
                              APP_CP: "%s"
                              PORT: "%d"
                              ORDERS_STORAGE_CONNECTION_STRING: "${env:ORDERS_STORAGE_CONNECTION_STRING}"
                          - name: orders-answer
                            http: http://127.0.0.1:%d/orders/count
                            jsonPointer: /count
                            equals: "3"
                            timeout: 2m
                            every: 1s
                """.formatted((prefix + "-orders").toUpperCase(Locale.ROOT).replace('-', '_'), java, pidFile, tmp,
                System.getProperty("java.class.path"), p, p), Map.of("ORDERS_STORAGE_CONNECTION_STRING", connection)::get);
        try {
            for (int i = 0; i < 3; i++) f.data().put(f.orders(), "order-" + i + ".json", "{}");
            f.data().put(f.invoices(), "inv.json", "{}");
            f.data().put(f.media(), "logo.png", "png");
            f.backup(BackupJob.Mode.FULL);
            Instant t0 = Instant.now();
            Thread.sleep(1_100); // Last-Modified has one-second resolution: the next write must be after T0
            f.data().put(f.orders(), "order-after-disaster.json", "{}"); // production has 4 now: the app must count the restored 3

            DrillReport r = f.drill(t0, true, tmp.resolve("report"));

            assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason() + " " + r.findings() + " app: " + read(tmp.resolve("app.out")));
            assertEquals(StepStatus.SUCCEEDED, r.plan().status());
            assertTrue(r.measured().serviceRestoredAt().isAfter(r.measured().verifiedAt()));
            String log = Files.readString(tmp.resolve("report").resolve(r.plan().groups().get(0).actions().get(0).log()));
            assertFalse(log.contains(connection), "the connection string stays out of the action log");
        } finally {
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    private static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
