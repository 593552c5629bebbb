package io.drp.plan;

import com.sun.net.httpserver.HttpServer;
import io.drp.config.ConfigLoader;
import io.drp.config.RecoveryPlan;
import io.drp.model.PlanRecord;
import io.drp.model.PlanRecord.ActionRecord;
import io.drp.model.StepStatus;
import io.drp.secrets.Redactor;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each action kind against real processes and a real HTTP server; every wait is on a clock the test steps. */
class PlanExecutorTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path tmp;
    private final SteppableClock clock = new SteppableClock(T0);
    private final List<Duration> pauses = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private Pacer stepping() {
        return d -> {
            pauses.add(d);
            clock.step(d);
        };
    }

    private RecoveryPlan plan(String groups) {
        String yaml = """
                version: 1
                backup:
                  container: drp-backups
                services:
                  orders:
                    containers: [orders]
                    objectives:
                      region-outage: { rto: 4h, rpo: 1h }
                  media:
                    containers: [media]
                    objectives:
                      region-outage: { rto: 4h, rpo: 4h }
                plans:
                  outage:
                    scenarios: [region-outage]
                    groups:
                """ + groups.stripIndent().indent(6);
        Path file = tmp.resolve("drp.yaml");
        return new ConfigLoader(Map.of("ORDERS_DB_PASSWORD", "hunter2-very-secret")::get).parse(file.toString(), file, yaml, "0".repeat(64))
                .planFor("region-outage");
    }

    private PlanContext context(boolean drill, Supplier<String> stop) {
        return new PlanContext("d-test-1", drill, "region-outage", null, "http://127.0.0.1:10000/recovery",
                Map.of("orders", "orders-r1", "media", "media"), tmp.resolve("d-test-1-actions"), tmp.resolve("approvals"), stop);
    }

    private PlanRecord run(String groups, boolean drill) {
        return run(plan(groups), context(drill, () -> null), stepping());
    }

    private PlanRecord run(RecoveryPlan p, PlanContext ctx, Pacer pacer) {
        return new PlanExecutor(clock, pacer, Redactor.none(), s -> { }, null).run(p, ctx, Set.of());
    }

    private int serve(Supplier<Integer> status, String body) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static ActionRecord action(PlanRecord r, String name) {
        return r.groups().stream().flatMap(g -> g.actions().stream()).filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCheckFailingTwiceThenPassingOnItsThirdAttemptPassesAndRecordsBoth() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        int port = serve(() -> calls.incrementAndGet() < 3 ? 503 : 200, "{\"count\": 42}");
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  after:
                    - name: orders-count
                      http: http://127.0.0.1:%d/orders/${DRP_CONTAINER_ORDERS}
                      jsonPointer: /count
                      equals: "42"
                      every: 5s
                """.formatted(port), true);
        ActionRecord a = action(r, "orders-count");
        assertEquals(StepStatus.SUCCEEDED, a.status(), a.message());
        assertEquals(3, a.tries());
        assertEquals(2, a.attempts().size(), a.attempts().toString());
        assertTrue(a.attempts().get(0).contains("HTTP 503"), a.attempts().get(0));
        assertEquals(10.0, a.durationSeconds(), "two 5 s pauses on the run's clock");
        assertEquals(T0.plusSeconds(10), r.serviceRestoredAt(), "the RTO ends when the last action passed");
    }

    @Test
    void aCheckThatNeverPassesFailsTheRunNamingItAndSkipsLaterGroups() throws Exception {
        int port = serve(() -> 200, "{\"count\": 41}");
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  after:
                    - name: orders-count
                      http: http://127.0.0.1:%d/orders/count
                      jsonPointer: /count
                      equals: "42"
                      timeout: 1m
                      every: 10s
                - name: media
                  services: [media]
                  after:
                    - name: settle
                      wait: 1m
                """.formatted(port), true);
        assertEquals(StepStatus.FAILED, r.status());
        ActionRecord a = action(r, "orders-count");
        assertEquals(StepStatus.FAILED, a.status());
        assertTrue(a.message().startsWith("orders-count did not pass within 1m"), a.message());
        assertTrue(a.message().contains("/count is '41', expected '42'"), a.message());
        assertEquals(7, a.tries(), "polled at 0, 10, ..., 60 s");
        assertEquals(StepStatus.SKIPPED, r.groups().get(1).status());
        assertEquals(StepStatus.SKIPPED, action(r, "settle").status());
        assertNull(r.serviceRestoredAt());
    }

    @Test
    void aCommandThatDoesNotExistAbortsThePlan() {
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  after:
                    - name: start-app
                      run: [./no-such-program, --port, "1"]
                """, true);
        assertEquals(StepStatus.ABORTED, r.status());
        assertTrue(action(r, "start-app").message().startsWith("cannot start start-app"), action(r, "start-app").message());
    }

    @Test
    void aUrlThatDoesNotResolveAbortsThePlan() {
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  after:
                    - name: check
                      http: http://no-such-host.invalid/health
                """, true);
        assertEquals(StepStatus.ABORTED, r.status());
        assertTrue(action(r, "check").message().contains("does not resolve"), action(r, "check").message());
    }

    @Test
    void groupsRunInOrderAndARestoreOnlyActionIsSkippedInADrill() throws Exception {
        Path trace = tmp.resolve("trace.txt");
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  before:
                    - name: o-before
                      shell: echo "orders-before $DRP_RUN_KIND $DRP_CONTAINER_ORDERS" >> %1$s
                  after:
                    - name: o-real-only
                      when: restore
                      shell: echo "must not run in a drill" >> %1$s
                    - name: o-after
                      shell: echo orders-after >> %1$s
                - name: media
                  services: [media]
                  after:
                    - name: m-after
                      run: [/bin/sh, -c, "echo media-after $DRP_RUN_ID >> %1$s"]
                    - name: m-wait
                      wait: 30s
                """.formatted(trace), true);
        assertEquals(StepStatus.SUCCEEDED, r.status());
        assertEquals(List.of("orders-before drill orders-r1", "orders-after", "media-after d-test-1"), Files.readAllLines(trace));
        ActionRecord skipped = action(r, "o-real-only");
        assertEquals(StepStatus.SKIPPED, skipped.status());
        assertEquals("when: restore; not run in a drill", skipped.message());
        assertEquals(30.0, action(r, "m-wait").durationSeconds());
        assertEquals(List.of(Duration.ofSeconds(30)), pauses, "the wait is the pacer's, never a sleep");
        assertTrue(r.groups().get(0).finishedAt().compareTo(r.groups().get(1).startedAt()) <= 0);
    }

    @Test
    void aSecretNamedByThePlanReachesTheCommandButNeverItsLog() throws Exception {
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  after:
                    - name: start-app
                      shell: echo "connecting with $DB_PASSWORD"; test "$DB_PASSWORD" = hunter2-very-secret
                      env: { DB_PASSWORD: "${env:ORDERS_DB_PASSWORD}" }
                """, true);
        ActionRecord a = action(r, "start-app");
        assertEquals(StepStatus.SUCCEEDED, a.status(), a.message() + " (the command got the secret)");
        String log = Files.readString(tmp.resolve(a.log()));
        assertTrue(log.contains("connecting with ***"), log);
        assertFalse(log.contains("hunter2"), log);
    }

    @Test
    void aFailingCommandIsRetriedThenFailsWithItsExitCodeAndFirstLogLines() {
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  after:
                    - name: migrate
                      shell: echo "schema v7 missing"; exit 4
                      retries: 2
                """, true);
        ActionRecord a = action(r, "migrate");
        assertEquals(StepStatus.FAILED, a.status());
        assertEquals(3, a.tries());
        assertTrue(a.message().contains("last: exit 4") && a.message().contains("schema v7 missing"), a.message());
    }

    @Test
    void aStopDuringACommandKillsItsWholeProcessTree() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        RecoveryPlan p = plan("""
                - name: orders
                  services: [orders]
                  after:
                    - name: long
                      shell: sleep 300 & echo $! > %s; wait
                """.formatted(pidFile));
        PlanRecord r = run(p, context(true, () -> Files.exists(pidFile) && sizeOf(pidFile) > 0 ? "stopped by SIGTERM" : null), stepping());
        assertEquals(StepStatus.ABORTED, r.status());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        var handle = ProcessHandle.of(child);
        assertTrue(handle.isEmpty() || !handle.get().isAlive() || handle.get().onExit().isDone(), "the shell's child sleep was left behind");
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void aManualGateIsPassedByDrpApproveFromAnotherProcess() throws Exception {
        RecoveryPlan p = plan("""
                - name: orders
                  services: [orders]
                  after:
                    - name: dns-switched
                      manual: point orders.example.com at the recovery app
                      timeout: 30m
                """);
        Path work = tmp.resolve("work");
        PlanContext ctx = new PlanContext("d-test-1", false, "region-outage", null, null, Map.of(), tmp.resolve("logs"),
                Approvals.dir(work, "d-test-1"), () -> null);
        AtomicInteger polls = new AtomicInteger();
        Pacer personApprovesDuringTheThirdPoll = d -> {
            clock.step(d);
            if (polls.incrementAndGet() == 3) approveInAnotherProcess(work);
        };
        PlanRecord r = run(p, ctx, personApprovesDuringTheThirdPoll);
        ActionRecord a = action(r, "dns-switched");
        assertEquals(StepStatus.SUCCEEDED, a.status(), a.message());
        assertEquals(3.0, a.waitedSeconds(), "the person's time is recorded apart");
    }

    private static void approveInAnotherProcess(Path work) throws InterruptedException {
        try {
                Process drp = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), "io.drp.cli.Main", "approve", "d-test-1", "dns-switched", "--work-dir", work.toString())
                        .redirectErrorStream(true).start();
                String out = new String(drp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, drp.waitFor(), out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aManualGateNobodyPassesFailsAtItsTimeout() {
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  after:
                    - name: dns-switched
                      manual: point orders.example.com at the recovery app
                      timeout: 10m
                """, false);
        ActionRecord a = action(r, "dns-switched");
        assertEquals(StepStatus.FAILED, a.status());
        assertTrue(a.message().contains("was not approved within 10m"), a.message());
        assertEquals(600.0, a.waitedSeconds());
    }

    @Test
    void aDrillAutoGatePassesInADrillWithANote() {
        PlanRecord r = run("""
                - name: orders
                  services: [orders]
                  after:
                    - name: dns-switched
                      manual: point orders.example.com at the recovery app
                      drill: auto
                """, true);
        ActionRecord a = action(r, "dns-switched");
        assertEquals(StepStatus.SUCCEEDED, a.status());
        assertTrue(a.message().startsWith("passed automatically in a drill (drill: auto)"), a.message());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aResumeSkipsTheGroupsAnEarlierRunCompleted() throws Exception {
        Path trace = tmp.resolve("trace.txt");
        RecoveryPlan p = plan("""
                - name: orders
                  services: [orders]
                  after:
                    - shell: echo orders >> %1$s
                - name: media
                  services: [media]
                  after:
                    - shell: echo media >> %1$s
                """.formatted(trace));
        PlanRecord r = new PlanExecutor(clock, stepping(), Redactor.none(), x -> { }, null).run(p, context(true, () -> null), Set.of("orders"));
        assertEquals(List.of("media"), Files.readAllLines(trace));
        assertEquals("completed by an earlier run (--resume)", r.groups().get(0).message());
        assertEquals(StepStatus.SUCCEEDED, r.status());
    }
}
