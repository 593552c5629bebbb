package io.drp.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.drp.config.Secret;
import io.drp.config.Webhook;
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

    /** A local http endpoint: only a webhook that allows insecure targets may be posted to it. */
    private Webhook url() {
        return new Webhook(new Secret("DRP_WEBHOOK", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/T0KEN"), true);
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

    @Test
    void aLocalHttpWebhookWithoutAllowInsecureGetsNothing() {
        Webhook plain = new Webhook(url().url(), false);

        String outcome = new WebhookNotifier(plain, EnumSet.allOf(Verdict.class)).send(SampleReportsAccess.failed());

        assertTrue(outcome.startsWith("notification to ${env:DRP_WEBHOOK} refused: the webhook is not an https:// URL"), outcome);
        assertTrue(bodies.isEmpty(), "nothing was posted");
    }

    @Test
    void aWebhookWhoseHostNowResolvesToTheMetadataAddressIsRefusedAtSendTime() throws Exception {
        // drp.yaml was loaded while hooks.example.test was public; DNS now answers with the metadata address
        Webhook hook = new Webhook(new Secret("DRP_WEBHOOK", "https://hooks.example.test/hook/T0KEN"), false);
        List<String> looked = new ArrayList<>();
        io.drp.egress.WebhookPost rebound = new io.drp.egress.WebhookPost(host -> {
            looked.add(host);
            return new InetAddress[]{InetAddress.getByName("169.254.169.254")};
        });

        String outcome = new WebhookNotifier(hook, EnumSet.allOf(Verdict.class), rebound).send(SampleReportsAccess.failed());

        assertEquals(List.of("hooks.example.test"), looked);
        assertTrue(outcome.startsWith("notification to ${env:DRP_WEBHOOK} refused: the webhook resolves to 169.254.169.254"), outcome);
        assertFalse(outcome.contains("T0KEN"), outcome);
    }

    @Test
    void aTransitionIsNotPostedToAWebhookThatResolvesToAPrivateAddress() throws Exception {
        Webhook good = url();
        Webhook rebound = new Webhook(new Secret("DRP_WATCH_HOOK", "https://hooks.example.test/hook/T0KEN"), false);
        var post = new io.drp.egress.WebhookPost(host -> host.equals("hooks.example.test")
                ? new InetAddress[]{InetAddress.getByName("10.0.0.7")} : InetAddress.getAllByName(host));
        var t = new io.drp.watch.Transition(io.drp.watch.Transition.Type.SUSPECTED, java.time.Instant.parse("2026-01-01T00:00:00Z"),
                null, null, 0, null, null, null, List.of("api: HTTP 503"));

        List<String> lines = new io.drp.watch.TransitionNotifier(List.of(good, rebound), post).send(t, null, null);

        assertEquals(1, bodies.size(), "the allowed webhook got the transition");
        assertTrue(lines.get(1).startsWith("notification to ${env:DRP_WATCH_HOOK} refused: the webhook resolves to 10.0.0.7 (private network)"),
                lines.toString());
    }

    private static io.drp.model.DrillReport passed() {
        var f = SampleReportsAccess.failed();
        return new io.drp.model.DrillReport(f.schemaVersion(), f.kind(), f.drillId(), Verdict.PASSED, "ok", f.startedAt(), f.finishedAt(),
                f.objectives(), f.measured(), f.objectiveResults(), f.steps(), f.integrity(), f.evidence(), f.findings(), f.runs(), 0, null);
    }
}
