package io.drp.drill;

import com.sun.net.httpserver.HttpServer;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.PlanRecord;
import io.drp.model.StepStatus;
import io.drp.model.Verdict;
import io.drp.report.ReportWriters;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drill on Azurite whose plan runs a real command and a real HTTP check against a tiny "application" the test
 * starts: it counts the blobs of the container the command was told is the restored orders container. The RTO ends
 * when that check passes, after the data was verified.
 */
@ExtendWith(Azurite.class)
class PlanDrillIT {

    private HttpServer app;

    @AfterEach
    void stopApp() {
        if (app != null) app.stop(0);
    }

    /** Serves {"count": N}: the blobs of the container named in {@code containerFile} in the recovery account. */
    private int startApp(AtomicReference<DrillFixture> fixture, Path containerFile) throws Exception {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/orders/count", ex -> {
            int status = 503;
            String body = "{}";
            if (Files.exists(containerFile)) {
                String container = Files.readString(containerFile).trim();
                long n = fixture.get().recovery.container(container).listBlobs().stream().count();
                status = 200;
                body = "{\"count\": " + n + "}";
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        app.start();
        return app.getAddress().getPort();
    }

    private static String plan(String prefix, int port, String expected, String timeout, Path containerFile) {
        String var = "DRP_CONTAINER_" + (prefix + "-orders").toUpperCase(Locale.ROOT).replace('-', '_');
        return """
                plans:
                  outage:
                    scenarios: [region-outage]
                    groups:
                      - name: orders
                        services: [orders]
                        after:
                          - name: start-app
                            shell: printf '%%s' "$%s" > %s; echo "started for $DRP_RUN_KIND"
                          - name: orders-answer
                            http: http://127.0.0.1:%d/orders/count
                            jsonPointer: /count
                            equals: "%s"
                            timeout: %s
                            every: 1s
                      - name: media
                        services: [media]
                        after:
                          - name: media-restore-only
                            when: restore
                            shell: exit 9
                """.formatted(var, containerFile, port, expected, timeout);
    }

    @Test
    void theRtoEndsWhenTheRestoredServiceAnswersAfterTheDataWasVerified(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        AtomicReference<DrillFixture> ref = new AtomicReference<>();
        Path containerFile = tmp.resolve("app.container");
        int port = startApp(ref, containerFile);
        DrillFixture f = new DrillFixture(azurite, tmp, "{ rto: 10m, rpo: 1h }", "{ rto: 30m, rpo: 4h }",
                prefix -> plan(prefix, port, "3", "1m", containerFile));
        ref.set(f);
        for (int i = 0; i < 3; i++) f.data().put(f.orders(), "order-" + i + ".json", "{\"id\": " + i + "}");
        f.data().put(f.media(), "logo.png", "png");
        f.data().put(f.invoices(), "inv-1.json", "{}");
        f.backup(BackupJob.Mode.FULL);
        Instant t0 = Instant.now();

        DrillReport r = f.drill(t0, true, tmp.resolve("report"));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason() + " " + r.findings());
        PlanRecord plan = r.plan();
        assertNotNull(plan);
        assertEquals(StepStatus.SUCCEEDED, plan.status());
        // the command was told the restored container, and the app found the three orders there
        String restored = Files.readString(containerFile).trim();
        assertTrue(f.recovery.container(restored).exists(), restored);
        assertEquals(StepStatus.SKIPPED, plan.groups().get(1).actions().get(0).status(), "when: restore is not run in a drill");
        Instant verified = r.measured().verifiedAt();
        Instant answered = r.measured().serviceRestoredAt();
        assertNotNull(verified);
        assertTrue(answered.isAfter(verified), "service " + answered + " after data " + verified);
        assertEquals(Duration.between(t0, answered).toMillis() / 1000.0, r.measured().rtoSeconds(), 0.01);
        assertEquals(StepStatus.SUCCEEDED, r.steps().stream().filter(s -> s.name().equals("service")).findFirst().orElseThrow().status());
        String log = Files.readString(tmp.resolve("report").resolve(plan.groups().get(0).actions().get(0).log()));
        assertTrue(log.contains("started for drill"), log);
        assertEquals(java.util.Set.of(), io.drp.report.ReportSchemaTest.validate(io.drp.report.ReportJson.toJson(r)), "additive fields in the schema");
        ReportWriters.writeAll(r, tmp.resolve("report"));
        String md = Files.readString(tmp.resolve("report").resolve("drill-report.md"));
        assertTrue(md.contains("Service answered at " + answered) && md.contains("data verified at " + verified), md);
        String junit = Files.readString(tmp.resolve("report").resolve("drill-report.junit.xml"));
        assertTrue(junit.contains("classname=\"drp.plan.orders\" name=\"orders-answer\""), junit);
    }

    @Test
    void aCheckThatNeverPassesFailsTheDrillNamingItAndTeardownStillRuns(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        AtomicReference<DrillFixture> ref = new AtomicReference<>();
        Path containerFile = tmp.resolve("app.container");
        int port = startApp(ref, containerFile);
        DrillFixture f = new DrillFixture(azurite, tmp, "{ rto: 10m, rpo: 1h }", "{ rto: 30m, rpo: 4h }",
                prefix -> plan(prefix, port, "99", "2s", containerFile));
        ref.set(f);
        f.data().put(f.orders(), "order-1.json", "{}");
        f.data().put(f.media(), "logo.png", "png");
        f.data().put(f.invoices(), "inv-1.json", "{}");
        f.backup(BackupJob.Mode.FULL);

        DrillReport r = f.drill(Instant.now(), false, tmp.resolve("report"));

        assertEquals(Verdict.FAILED, r.verdict(), r.verdictReason());
        Finding finding = r.findings().stream().filter(x -> x.code().equals("PLAN_ACTION_FAILED")).findFirst().orElseThrow();
        assertTrue(finding.message().contains("orders-answer") && finding.message().contains("/count is '1', expected '99'"), finding.message());
        assertEquals(StepStatus.SKIPPED, r.plan().groups().get(1).status());
        assertNull(r.measured().serviceRestoredAt());
        assertEquals(java.util.Set.of(), io.drp.report.ReportSchemaTest.validate(io.drp.report.ReportJson.toJson(r)));
        assertEquals(StepStatus.SUCCEEDED, r.steps().get(r.steps().size() - 1).status(), "teardown ran as today");
        String restored = Files.readString(containerFile).trim();
        assertFalse(f.recovery.container(restored).exists(), "the drill's recovery containers were torn down");
    }
}
