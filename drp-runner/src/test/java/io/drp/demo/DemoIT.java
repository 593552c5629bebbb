package io.drp.demo;

import io.drp.cli.Main;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job: `drp demo` from nothing to a report. It starts its own emulator. */
class DemoIT {

    @Test
    void demoMeasuresTheSeededGapAndTheSeededLoss(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoScenario.Result r = new DemoScenario(tmp.resolve("work"), tmp.resolve("report"),
                new PrintWriter(log, true, StandardCharsets.UTF_8), Progress.NONE, ReportJson::write, Duration.ofSeconds(2)).run();

        DrillReport onDisk = ReportJson.read(tmp.resolve("report").resolve(ReportJson.FILE_NAME));
        assertEquals(r.expectedRpoSeconds(), onDisk.measured().rpoSeconds(), 1.0);
        assertTrue(onDisk.measured().rpoSeconds() >= 2.0, "the 2 s gap is part of the RPO");
        assertEquals(r.writtenAfterLastBackup(), onDisk.integrity().objectsLost(), "every object written after the last backup is lost");
        assertEquals(0, onDisk.integrity().mismatches());
        var verify = onDisk.steps().stream().filter(s -> s.name().equals("verify")).findFirst().orElseThrow();
        assertEquals(0L, ((Number) verify.details().get("attributeMismatches")).longValue(),
                "content types, metadata and tags of the demo objects come back as they were");
        assertEquals(onDisk.integrity().objectsExpected(), onDisk.integrity().objectsRestored());
        assertEquals(Verdict.PASSED, onDisk.verdict(), onDisk.verdictReason());
        // signed from the first run: the demo made its own key pair, and the drill verified every point with it
        var plan = onDisk.steps().stream().filter(s -> s.name().equals("plan")).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, plan.details().get("signed"), plan.details().toString());
        assertTrue(java.nio.file.Files.isRegularFile(tmp.resolve("work").resolve("keys").resolve("backup-signing.pem")));
        assertTrue(onDisk.findings().stream().noneMatch(f -> f.code().equals("UNSIGNED_BACKUP")), onDisk.findings().toString());
        // the demo's plan brought the orders service back on the recovered data: the RTO ends when it answered
        assertEquals(io.drp.model.StepStatus.SUCCEEDED, onDisk.plan().status(), String.valueOf(onDisk.plan()));
        assertEquals(java.util.List.of("start-orders-app", "orders-answer"),
                onDisk.plan().groups().get(0).actions().stream().map(a -> a.name()).toList());
        assertTrue(onDisk.measured().serviceRestoredAt().isAfter(onDisk.measured().verifiedAt()), onDisk.measured().toString());
        assertEquals(java.time.Duration.between(onDisk.measured().disasterAt(), onDisk.measured().serviceRestoredAt()).toMillis() / 1000.0,
                onDisk.measured().rtoSeconds(), 0.01, "the RTO is the service's");
        assertTrue(java.nio.file.Files.readString(tmp.resolve("work").resolve("drp.yaml")).indexOf("plans:") < 0,
                "the drp.yaml the demo leaves stays usable by any command: the plan is in drp.plan.yaml");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments().map(a -> java.util.List.of(a)
                .contains("io.drp.demo.app.OrdersApp")).orElse(false)), "the demo stopped the orders app it started");
    }

    @Test
    void demoCommandExitsZeroOrOneAndPrintsTheReportPath(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()),
                "demo", "--work-dir", tmp.resolve("w").toString(), "--report-dir", tmp.resolve("r").toString(), "--gap", "1s");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(code == 0 || code == 1, "exit " + code + "\n" + text);
        assertTrue(text.contains("report: " + tmp.resolve("r").resolve("drill-report.json").toAbsolutePath()), text);
        DrillReport report = ReportJson.read(tmp.resolve("r").resolve(ReportJson.FILE_NAME));
        assertTrue(report.measured().rpoSeconds() > 0);
    }
}
