package io.drp.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.drp.config.ConfigLoader;
import io.drp.config.WatchConfig;
import io.drp.report.ReportJson;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watch engine against a real local HTTP service that stops answering, a webhook that records what it is
 * posted, and a clock the test moves: ten minutes pass without anybody waiting for them.
 */
class WatcherTest {

    private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");

    private HttpServer service;
    private HttpServer hook;
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final List<ResponsePlan> responses = new ArrayList<>();
    private final StringWriter console = new StringWriter();
    private final SteppableClock clock = new SteppableClock(T0);

    @TempDir
    Path tmp;

    @BeforeEach
    void servers() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/health", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        service.start();
        hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", x -> {
            posted.add(ReportJson.mapper().readTree(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        hook.start();
    }

    @AfterEach
    void stop() {
        service.stop(0);
        hook.stop(0);
    }

    private WatchConfig config(String response) {
        return config(response, "");
    }

    private WatchConfig config(String response, String probeExtra) {
        String yaml = """
                version: 1
                backup: { container: drp-backups }
                services:
                  orders: { containers: [orders] }
                watch:
                  interval: 1m
                  timeout: 2s
                  response: %s
                  probes:
                    infrastructure: false
                    functional:
                      - { name: api, url: "http://127.0.0.1:%d/health?token=SECRET-IN-QUERY"%s }
                  webhooks: [{ url: "${env:DRP_WATCH_HOOK}", allowInsecure: true }]
                """.formatted(response, service.getAddress().getPort(), probeExtra);
        String hookUrl = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
        return new ConfigLoader(Map.of("DRP_WATCH_HOOK", hookUrl)::get).parse("drp.yaml", Path.of("drp.yaml"), yaml, "0".repeat(64)).watch();
    }

    private Watcher watcher(WatchConfig w, boolean auto) {
        List<Probe> probes = w.functional().stream().map(p -> (Probe) new HttpProbe(p.name(), p.url(), w.timeout())).toList();
        return new Watcher(w, probes, new StateStore(tmp), new TransitionNotifier(w.webhooks()), plan -> {
            responses.add(plan);
            return 0;
        }, auto, Path.of("drp.yaml"), tmp, clock, new PrintWriter(console, true));
    }

    private List<String> events() {
        return posted.stream().map(p -> p.get("event").asText()).toList();
    }

    @Test
    void theServiceStopsAnsweringAndAfterTenMinutesTheIncidentIsDeclaredNotifiedAndRestoredOnce() {
        // given a watch that may respond by itself
        Watcher watcher = watcher(config("restore"), true);
        assertTrue(watcher.round().transitions().isEmpty(), "up: nothing to say");

        // when the service stops answering
        service.stop(0);
        clock.step(Duration.ofMinutes(1));
        Instant firstFailure = clock.instant();
        Watcher.RoundOutcome suspected = watcher.round();
        for (int m = 0; m < 9; m++) {
            clock.step(Duration.ofMinutes(1));
            watcher.round();
        }
        // then: suspected at the first failure, declared when ten minutes have passed since, restored once
        assertEquals(WatchState.Phase.SUSPECTED, suspected.state().phase());
        assertEquals(List.of("SUSPECTED"), events());
        assertTrue(responses.isEmpty(), "nine minutes: within the tolerance");
        clock.step(Duration.ofMinutes(1));
        Watcher.RoundOutcome declared = watcher.round();
        assertEquals(List.of("SUSPECTED", "DECLARED"), events());
        JsonNode d = posted.get(1);
        assertEquals(firstFailure.toString(), d.get("incidentStart").asText());
        assertEquals(1, d.get("level").asInt());
        assertEquals("application bug or failure, or a database failure; 15-30 min", d.get("levelDescription").asText());
        assertTrue(d.get("automatic").asBoolean());
        assertFalse(d.at("/serviceWindow/inside").asBoolean(), "03:01 UTC on a Tuesday is outside the plan's windows");
        assertEquals("2026-11-24T09:00:00Z", d.at("/serviceWindow/nextOpensAt").asText());
        assertEquals(1, responses.size());
        assertEquals(List.of("restore", "-c", "drp.yaml", "--work-dir", tmp.toString(), "--target", "recovery",
                "--incident-start", firstFailure.toString(), "--scenario", "level-1"), responses.get(0).args());
        assertEquals(0, declared.responseExit());

        // when the outage goes on past 30 and 45 minutes
        for (int m = 0; m < 40; m++) {
            clock.step(Duration.ofMinutes(1));
            watcher.round();
        }
        // then it escalates twice and the response is never run again
        assertEquals(List.of("SUSPECTED", "DECLARED", "ESCALATED", "ESCALATED"), events());
        assertEquals(3, posted.get(3).get("level").asInt());
        assertEquals(1, responses.size(), "one automatic response per incident");

        // and nothing of the probe's query string (where tokens live) reached a webhook or the console
        assertFalse(posted.toString().contains("SECRET-IN-QUERY"), posted.toString());
        assertFalse(console.toString().contains("SECRET-IN-QUERY"), console.toString());
    }

    @Test
    void withoutAutoTheConfiguredRestoreIsPrintedNeverRun() throws Exception {
        Watcher watcher = watcher(config("restore"), false);
        service.stop(0);
        watcher.round();
        clock.step(Duration.ofMinutes(10));
        Watcher.RoundOutcome declared = watcher.round();
        assertTrue(responses.isEmpty());
        assertNull(declared.responseExit());
        assertFalse(declared.plan().automatic());
        // a level-1 incident's printed command restores production in place, and leaves --yes to the person who runs it
        String command = posted.get(1).get("command").asText();
        assertTrue(command.contains("--target production --at " + T0), command);
        assertFalse(command.contains("--yes"), command);
        assertTrue(console.toString().contains("to recover, run: drp restore"), console.toString());
    }

    @Test
    void aProbeThatNamesItsServiceScopesTheLevelOneAndTwoRestoreToThatService() {
        Watcher watcher = watcher(config("restore", ", service: orders"), true);
        service.stop(0);
        watcher.round();
        clock.step(Duration.ofMinutes(10));
        watcher.round();
        assertEquals(1, responses.size());
        List<String> args = responses.get(0).args();
        assertEquals(List.of("--service", "orders"), args.subList(args.size() - 2, args.size()), args.toString());
        // at level 3 every service is rebuilt: the scope is gone from the printed command
        clock.step(Duration.ofMinutes(35));
        watcher.round();
        JsonNode escalated = posted.get(posted.size() - 1);
        assertEquals(3, escalated.get("level").asInt());
        assertFalse(escalated.get("command").asText().contains("--service"), escalated.get("command").asText());
    }

    @Test
    void theForegroundLoopRoundsEveryIntervalAndStopsWhenAsked() throws Exception {
        // given a pause that moves the clock instead of sleeping, and a stop request after the 15th round (as SIGTERM sets it)
        Watcher watcher = watcher(config("notify"), false);
        service.stop(0);
        int[] rounds = {0};
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        watcher.run(stop::get, (d, stopNow) -> {
            clock.step(d);
            if (++rounds[0] == 15) stop.set(true);
        });

        // then 15 one-minute rounds ran: suspected at the first, declared at the eleventh, and the state was kept
        assertEquals(15, rounds[0]);
        assertEquals(List.of("SUSPECTED", "DECLARED"), events());
        assertEquals(T0.plus(Duration.ofMinutes(14)), new StateStore(tmp).load(clock.instant()).lastRoundAt());
        assertTrue(console.toString().contains("watch stopped; state kept in"), console.toString());
    }

    @Test
    void theStateSurvivesBetweenOnceRoundsAndRecoveryIsNotified() throws Exception {
        WatchConfig w = config("notify");
        service.stop(0);
        watcher(w, false).round();                       // a cron round: suspected
        clock.step(Duration.ofMinutes(10));
        Watcher.RoundOutcome declared = watcher(w, false).round();   // the next cron run, a new process in real life
        assertEquals(WatchState.Phase.DECLARED, declared.state().phase());
        assertEquals(T0, declared.state().outageStart());

        // when the service answers again
        HttpServer again = HttpServer.create(service.getAddress(), 0);
        again.createContext("/health", x -> {
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        again.start();
        try {
            clock.step(Duration.ofMinutes(3));
            Watcher.RoundOutcome recovered = watcher(w, false).round();
            assertEquals(WatchState.Phase.UP, recovered.state().phase());
            assertEquals(List.of("SUSPECTED", "DECLARED", "RECOVERED"), events());
            assertEquals(780.0, posted.get(2).get("outageSeconds").asDouble());
        } finally {
            again.stop(0);
        }
    }
}
