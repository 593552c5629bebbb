package io.drp.report;

import io.drp.backup.BackupJob;
import io.drp.backup.BackupLayout;
import io.drp.backup.BackupResult;
import io.drp.drill.DrillRunner;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reports written by real drills (PASSED, FAILED, ABORTED): every format on disk, valid against the schema, rendered by Chromium. */
@ExtendWith(Azurite.class)
class ReportsIT {

    private static DrillReport drill(DrillFixture f, Path dir) throws Exception {
        return new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll,
                DrillRunner.targetsFor(f.config)).run(TestRequests.drill(null, null, "region-outage",
                false, dir, 4, true));
    }

    @Test
    void everyVerdictWritesEveryFormatValidAgainstTheSchema(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(5);
        DrillReport aborted = drill(f, tmp.resolve("aborted"));
        BackupResult full = f.backup(BackupJob.Mode.FULL);
        DrillReport passed = drill(f, tmp.resolve("passed"));
        var blob = f.backupWritable.container(f.config.backup().container())
                .getBlobClient(BackupLayout.dataBlob(full.point().chainId(), 0, f.orders(), "obj-0001.txt"));
        blob.upload(com.azure.core.util.BinaryData.fromString("rot"), true);
        DrillReport failed = drill(f, tmp.resolve("failed"));
        assertEquals(List.of(Verdict.ABORTED, Verdict.PASSED, Verdict.FAILED), List.of(aborted.verdict(), passed.verdict(), failed.verdict()));

        for (String d : List.of("aborted", "passed", "failed")) {
            Path dir = tmp.resolve(d);
            for (ReportWriters.Format fmt : ReportWriters.EVERY_RUN) {
                assertTrue(Files.size(dir.resolve(fmt.fileName)) > 0, d + "/" + fmt.fileName);
            }
            String json = Files.readString(dir.resolve(ReportJson.FILE_NAME));
            assertEquals(Set.of(), ReportSchemaTest.validate(json), d + " report does not match the schema");
        }
    }

    @Test
    void htmlReportRendersInHeadlessChromium(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        boolean required = "1".equals(System.getenv("DRP_REQUIRE_CHROMIUM"));
        if (!required) {
            assumeTrue(Files.isExecutable(chromium), "Chromium not installed (.ci/run installs it; DRP_REQUIRE_CHROMIUM=1 makes this mandatory)");
        }
        DrillFixture f = new DrillFixture(azurite, tmp, "{ rto: 1ms, rpo: 1h }", "{ rto: 30m, rpo: 4h }");
        f.data().seed(20);
        f.backup(BackupJob.Mode.FULL);
        DrillReport r = drill(f, tmp.resolve("r"));
        assertEquals(Verdict.FAILED, r.verdict(), "a 1 ms RTO cannot be met: the page must show a FAILED drill");
        Path html = tmp.resolve("r").resolve("drill-report.html");

        Path png = tmp.resolve("shot.png");
        run(chromium, tmp, "--screenshot=" + png, "--window-size=1200,1600", html.toUri().toString());
        String dom = run(chromium, tmp, "--dump-dom", html.toUri().toString());

        BufferedImage img = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) nonWhite++;
            }
        }
        System.out.printf("[figures] chromium screenshot %dx%d: %d colours, %d non-white sampled pixels%n",
                img.getWidth(), img.getHeight(), colours.size(), nonWhite);
        assertTrue(colours.size() > 20 && nonWhite > 5_000, "the screenshot is blank");
        assertTrue(dom.contains("<div class=\"big\">FAILED</div>"), "verdict missing from the DOM");
        assertReadable(cell(dom, "measured-rto"), r.measured().rtoSeconds(), "RTO");
        assertReadable(cell(dom, "measured-rpo"), r.measured().rpoSeconds(), "RPO");
        assertTrue(dom.contains("<svg"), "timeline chart missing");
        assertTrue(dom.contains(r.evidence().manifests().get(0).manifestSha256()), "manifest hash missing");
    }

    @Test
    void nothingOverflowsHorizontallyOnScreenAt1200PxOrOnPaper(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!"1".equals(System.getenv("DRP_REQUIRE_CHROMIUM"))) {
            assumeTrue(Files.isExecutable(chromium), "Chromium not installed (.ci/run installs it; DRP_REQUIRE_CHROMIUM=1 makes this mandatory)");
        }
        DrillFixture f = new DrillFixture(azurite, tmp, "{ rto: 1ms, rpo: 1h }", "{ rto: 30m, rpo: 4h }");
        f.data().seed(12);
        f.backup(BackupJob.Mode.FULL);
        DrillReport r = drill(f, tmp.resolve("r"));
        String html = Files.readString(tmp.resolve("r").resolve("drill-report.html"));
        // the page has no script of its own; a measuring copy reports its widths into the DOM that --dump-dom prints
        String probe = "<script>document.body.insertAdjacentHTML('beforeend', '<p id=\"probe\">' + document.documentElement.scrollWidth"
                + " + ' ' + document.documentElement.clientWidth + '</p>');</script></body>";
        Path screen = Files.writeString(tmp.resolve("screen.html"), html.replace("</body>", probe));
        // paper: the print rules applied on screen, in an A4 portrait line (210 mm - 2 x 10 mm margins = 718 CSS px)
        Path paper = Files.writeString(tmp.resolve("paper.html"), html.replace("@media print", "@media all").replace("</body>", probe));
        for (Object[] page : new Object[][] {{screen, 1200}, {paper, 718}}) {
            String dom = run(chromium, tmp, "--dump-dom", "--window-size=" + page[1] + ",1600", ((Path) page[0]).toUri().toString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<p id=\"probe\">(\\d+) (\\d+)</p>").matcher(dom);
            assertTrue(m.find(), "the probe did not run in " + page[0]);
            int scrollWidth = Integer.parseInt(m.group(1));
            int clientWidth = Integer.parseInt(m.group(2));
            System.out.printf("[figures] %s at %s px: scrollWidth %d, clientWidth %d%n", ((Path) page[0]).getFileName(), page[1], scrollWidth, clientWidth);
            assertTrue(clientWidth > 0 && scrollWidth <= clientWidth, page[0] + " overflows: " + scrollWidth + " > " + clientWidth);
        }
    }

    @Test
    void historyPageOfRealDrillsRendersInHeadlessChromiumWithoutOverflow(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!"1".equals(System.getenv("DRP_REQUIRE_CHROMIUM"))) {
            assumeTrue(Files.isExecutable(chromium), "Chromium not installed (.ci/run installs it; DRP_REQUIRE_CHROMIUM=1 makes this mandatory)");
        }
        // given: an aborted drill (no backup yet), then a passed one, each archived and appended as drp drill does
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(8);
        Path reports = tmp.resolve("reports"), ledger = tmp.resolve("ledger");
        io.drp.ledger.LedgerBook book = new io.drp.ledger.LedgerBook(ledger, java.util.Optional.empty());
        DrillReport aborted = drill(f, reports);
        assertTrue(!book.record(aborted, reports).failed());
        f.backup(BackupJob.Mode.FULL);
        DrillReport passed = drill(f, reports);
        assertTrue(!book.record(passed, reports).failed());
        assertEquals(List.of(Verdict.ABORTED, Verdict.PASSED), List.of(aborted.verdict(), passed.verdict()));

        // when
        Path page = io.drp.history.HistoryReports.write(ledger, reports, java.util.Optional.empty(), Clock.systemUTC()).file();

        // then: Chromium draws it, with both charts, and nothing is wider than the window
        Path png = tmp.resolve("history.png");
        run(chromium, tmp, "--screenshot=" + png, "--window-size=1200,1600", page.toUri().toString());
        BufferedImage img = ImageIO.read(png.toFile());
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) nonWhite++;
            }
        }
        assertTrue(nonWhite > 5_000, "the history screenshot is blank");
        String html = Files.readString(page);
        String probe = "<script>document.body.insertAdjacentHTML('beforeend', '<p id=\"probe\">' + document.documentElement.scrollWidth"
                + " + ' ' + document.documentElement.clientWidth + '</p>');</script></body>";
        Path screen = Files.writeString(tmp.resolve("history-probe.html"), html.replace("</body>", probe));
        String dom = run(chromium, tmp, "--dump-dom", "--window-size=1200,1600", screen.toUri().toString());
        assertTrue(dom.contains("<td id=\"pass-rate\">1 of 2 passed (50%)</td>"), "pass rate missing from the DOM");
        assertTrue(dom.contains(passed.drillId()) && dom.contains(aborted.drillId()), "a run is missing from the DOM");
        assertTrue(dom.contains("id=\"drp-history-rto\"") && dom.contains("id=\"drp-history-rpo\""), "a chart is missing");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<p id=\"probe\">(\\d+) (\\d+)</p>").matcher(dom);
        assertTrue(m.find(), "the probe did not run");
        assertTrue(Integer.parseInt(m.group(1)) <= Integer.parseInt(m.group(2)), "history.html overflows: " + m.group());
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(archive/[0-9a-f]{64}\\.json)\"").matcher(dom);
        int links = 0;
        while (link.find()) {
            assertTrue(Files.isRegularFile(reports.resolve(link.group(1))), link.group(1));
            links++;
        }
        assertEquals(2, links, "one link per archived report");
    }

    private static String cell(String dom, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td id=\"" + id + "\">([^<]*)</td>").matcher(dom);
        assertTrue(m.find(), id + " missing from the DOM");
        return m.group(1);
    }

    /** "9.2 s", "250 ms", "12 min 34 s": read back independently of the renderer and compared with the JSON's seconds. */
    private static void assertReadable(String text, double seconds, String what) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:(\\d+) h ?)?(?:(\\d+) min ?)?(?:(\\d+(?:\\.\\d)?) s)?(?:(\\d+) ms)?").matcher(text);
        assertTrue(!text.isEmpty() && m.matches(), what + " is not in readable units: '" + text + "'");
        double read = (m.group(1) == null ? 0 : 3600 * Double.parseDouble(m.group(1))) + (m.group(2) == null ? 0 : 60 * Double.parseDouble(m.group(2)))
                + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3))) + (m.group(4) == null ? 0 : Double.parseDouble(m.group(4)) / 1000);
        double tolerance = seconds < 60 ? 0.051 : seconds < 3600 ? 0.51 : 30.1;
        assertEquals(seconds, read, tolerance, what + " '" + text + "'");
    }

    private static String run(Path chromium, Path tmp, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium hung");
        return new String(out, StandardCharsets.UTF_8);
    }
}
