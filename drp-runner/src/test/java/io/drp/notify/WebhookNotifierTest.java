package io.drp.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.drp.config.Secret;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real HTTP endpoint on loopback receives the notification. */
class WebhookNotifierTest {

    private HttpServer server;
    private final List<String> bodies = new ArrayList<>();
    private int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook/T0KEN", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Secret url() {
        return new Secret("DRP_WEBHOOK", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T0KEN");
    }

    @Test
    void postsTheSummaryAndFiguresWithoutPrintingTheUrl() throws Exception {
        String outcome = new WebhookNotifier(url(), EnumSet.allOf(Verdict.class)).send(SampleReportsAccess.failed());

        assertEquals("notified ${env:DRP_WEBHOOK} (HTTP 200)", outcome);
        JsonNode body = ReportJson.mapper().readTree(bodies.get(0));
        assertEquals("FAILED", body.get("verdict").asText());
        assertEquals(754.25, body.get("rtoSeconds").asDouble());
        assertTrue(body.get("text").asText().contains("**FAILED**"));
    }

    @Test
    void onlyTheChosenVerdictsAreSentAndFailuresAreReportedNotThrown() {
        WebhookNotifier onlyFailures = new WebhookNotifier(url(), EnumSet.of(Verdict.FAILED, Verdict.ABORTED));
        assertTrue(onlyFailures.send(passed()).startsWith("notification skipped"));
        assertTrue(bodies.isEmpty());

        status = 500;
        String outcome = onlyFailures.send(SampleReportsAccess.aborted());
        assertEquals("notification to ${env:DRP_WEBHOOK} failed: HTTP 500", outcome);
        assertFalse(outcome.contains("T0KEN"));
    }

    private static io.drp.model.DrillReport passed() {
        var f = SampleReportsAccess.failed();
        return new io.drp.model.DrillReport(f.schemaVersion(), f.kind(), f.drillId(), Verdict.PASSED, "ok", f.startedAt(), f.finishedAt(),
                f.objectives(), f.measured(), f.objectiveResults(), f.steps(), f.integrity(), f.evidence(), f.findings(), f.runs(), 0, null);
    }
}
