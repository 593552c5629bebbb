package io.drp.drill;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.Mismatch;
import io.drp.model.Verdict;
import io.drp.progress.Progress;
import io.drp.recovery.CopyMode;
import io.drp.report.ReportWriters;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.RequestCountingPolicy;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How many requests a drill makes per restored object, counted by a pipeline policy on a real Azurite, in each
 * copy mode. The expected sequences are Azure's REST operations for one object, written out here:
 * streamed, Get Blob on the backup then Put Blob on the recovery account; server-side, Copy Blob From URL
 * then the one Get Blob that verifies it, and Set Blob Properties only for an object whose content headers
 * the copy could not carry. Anything else per object (an existence check, a Get Properties) is a probe the
 * manifest already answers, and fails these tests. The negative controls, after verify, read one restored object once more
 * (the source of their faulty copies); that read is expected of that object alone, and their other requests go to their
 * own scratch container (counted in {@code io.drp.recovery.ControlsIT}).
 */
@ExtendWith(Azurite.class)
class CopyRequestsIT {

    private static final String PAGE = "site/page.html";

    private record Run(DrillReport report, RequestCountingPolicy counted, DrillFixture fixture, Path reports) {
        /** Each object's requests, as "METHOD account query [copy-source]", keyed by "container/name". */
        Map<String, List<String>> perObject() {
            Map<String, List<String>> out = new TreeMap<>();
            for (String c : fixture.containers()) {
                for (BlobItem b : fixture.prodWritable.container(c).listBlobs()) out.put(c + "/" + b.getName(), new ArrayList<>());
            }
            for (String r : counted.requests()) {
                String[] parts = r.split(" ");
                String pathAndQuery = parts[1];
                String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
                // the operation only (comp=...): a read-only account's own SAS rides in the query too, and is no operation
                String query = pathAndQuery.contains("?") ? Stream.of(pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&"))
                        .filter(kv -> kv.startsWith("comp=")).map(kv -> " " + kv).reduce("", String::concat) : "";
                String account = path.split("/")[1];
                for (var e : out.entrySet()) {
                    if (path.endsWith("/" + e.getKey())) e.getValue().add(parts[0] + " " + account + query + (parts.length > 2 ? " " + parts[2] : ""));
                }
            }
            return out;
        }

        /**
         * The requests expected for one object: the restore's and verify's, plus, for the one object the negative controls
         * are copied from, their single read of it after verify (a Get Blob on the recovery account, the last request).
         */
        List<String> expected(String object, List<String> restoreAndVerify) {
            if (!report.controls().source().contains(" " + object + " (")) return restoreAndVerify;
            List<String> out = new ArrayList<>(restoreAndVerify);
            out.add("GET drprecovery");
            return out;
        }

        /** Asserts every object's requests, and that exactly one object is the controls' source. */
        void assertPerObject(List<String> restoreAndVerify) {
            Map<String, List<String>> all = perObject();
            all.forEach((o, rs) -> assertEquals(expected(o, restoreAndVerify), rs, o));
            assertEquals(1, all.keySet().stream().filter(o -> !expected(o, restoreAndVerify).equals(restoreAndVerify)).count(),
                    "the controls read exactly one restored object: " + report.controls().source());
        }
    }

    private static DrillFixture seeded(AzuriteEmulator azurite, Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(8);
        f.prodWritable.container(f.media()).getBlobClient(PAGE).uploadWithResponse(new BlobParallelUploadOptions(
                BinaryData.fromString("<html>page</html>")).setHeaders(new BlobHttpHeaders().setContentType("text/html")), null, null);
        f.backup(BackupJob.Mode.FULL);
        return f;
    }

    private static Run drill(AzuriteEmulator azurite, DrillFixture f, Path tmp, CopyMode mode, boolean fullVerify) throws Exception {
        RequestCountingPolicy counting = new RequestCountingPolicy();
        StorageSession session = StorageSession.ofEmulator(azurite,
                new StorageConnector(StorageConnector.defaultRetryOptions(), StorageConnector.defaultHttpClient(), List.of(counting)));
        Path reports = tmp.resolve("reports-" + mode.label() + "-" + f.prefix);
        DrillReport r = new DrillRunner(f.config, session, f.workDir, Clock.systemUTC(), Progress.NONE, ReportWriters::writeAll,
                DrillRunner.targetsFor(f.config)).run(TestRequests.drill(null, null, "region-outage", true, reports, 4, fullVerify)
                .withCopyMode(mode));
        return new Run(r, counting, f, reports);
    }

    /** The restore's and verify's requests per object: the negative controls' one read of their source is left out. */
    private static void print(String mode, Run run) {
        Map<String, List<String>> perObject = run.perObject();
        double mean = (perObject.values().stream().mapToInt(List::size).sum() - 1) / (double) perObject.size();
        System.out.printf(java.util.Locale.ROOT, "[figures] %s: %d objects, %.2f requests per restored object (plus 1 read by the "
                        + "negative controls); %s: %s%n", mode, perObject.size(), mean, PAGE,
                perObject.entrySet().stream().filter(e -> e.getKey().endsWith(PAGE)).findFirst().orElseThrow().getValue());
    }

    @Test
    void streamModeReadsTheBackupOnceAndWritesOnceAndFullVerifyAddsOneRead(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // auto, on the emulator, streams: the first run also proves that choice, and its reason, end to end
        Run metadata = drill(azurite, seeded(azurite, tmp.resolve("a")), tmp, CopyMode.AUTO, false);
        Run full = drill(azurite, seeded(azurite, tmp.resolve("b")), tmp.resolve("b"), CopyMode.STREAM, true);

        assertEquals(Verdict.PASSED, metadata.report().verdict(), metadata.report().verdictReason());
        assertEquals(Verdict.PASSED, full.report().verdict(), full.report().verdictReason());
        assertEquals("stream", metadata.report().evidence().copyMode());
        assertTrue(metadata.report().evidence().copyModeReason().contains("emulator"), metadata.report().evidence().copyModeReason());
        print("stream, metadata verify", metadata);
        print("stream, full verify", full);
        metadata.assertPerObject(List.of("GET drpbackup", "PUT drprecovery"));
        // verification re-reads each object in one Get Blob: no Get Properties first
        full.assertPerObject(List.of("GET drpbackup", "PUT drprecovery", "GET drprecovery"));
    }

    @Test
    void serverModeCopiesSetsTheHeadersReadsBackOnceAndLeavesNoSasRecord(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        Run run = drill(azurite, seeded(azurite, tmp), tmp, CopyMode.SERVER, false);

        assertEquals(Verdict.PASSED, run.report().verdict(), run.report().verdictReason() + " " + run.report().integrity().mismatchReasons());
        assertEquals("server", run.report().evidence().copyMode());
        print("server, metadata verify", run);
        // the copy; its headers as the manifest records them (Copy From URL carries the backup blob's: the page's
        // Content-Type was lost there), which on Azure also drops the copy's record of the read SAS; the read-back.
        // Azurite keeps that record, so the blob is then copied onto itself by its plain URL and polled once.
        run.assertPerObject(List.of("PUT drprecovery copy-source", "PUT drprecovery comp=properties",
                "GET drprecovery", "PUT drprecovery copy-source", "HEAD drprecovery"));
        assertEquals("text/html", run.fixture().recovery.container(run.fixture().media()).getBlobClient(PAGE).getProperties().getContentType());
    }

    @Test
    void theSourceSasIsReadOnlyShortLivedAndAppearsInNoReportOrStateFile(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        Run run = drill(azurite, seeded(azurite, tmp), tmp, CopyMode.SERVER, false);

        List<String> sources = run.counted().copySources();
        assertFalse(sources.isEmpty());
        List<String> files = new ArrayList<>();
        try (Stream<Path> all = Stream.concat(Files.walk(run.reports()), Files.walk(run.fixture().workDir))) {
            for (Path p : all.filter(Files::isRegularFile).toList()) files.add(Files.readString(p, StandardCharsets.ISO_8859_1));
        }
        for (String source : sources) {
            if (!source.contains("?")) {
                // the copy of a restored blob onto itself, inside the recovery account: no signature at all
                assertTrue(source.contains("/drprecovery/"), "an unsigned copy source stays in the recovery account");
                continue;
            }
            Map<String, String> q = query(source);
            assertEquals("r", q.get("sp"), "read only: " + q.get("sp"));
            assertEquals("b", q.get("sr"), "one blob only: " + q.get("sr"));
            assertTrue(Instant.parse(q.get("se")).isBefore(Instant.now().plus(Duration.ofMinutes(10))), "short-lived: " + q.get("se"));
            String sig = q.get("sig");
            for (String f : files) assertFalse(f.contains(sig) || f.contains(source.substring(source.indexOf("sig=") + 4)), "SAS leaked");
        }
    }

    @Test
    void aServerCopyOfACorruptBackupIsDeletedAndReportedByName(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = seeded(azurite, tmp);
        String victim = "obj-0003.txt";
        BlobItem data = f.backupWritable.container(f.config.backup().container()).listBlobs().stream()
                .filter(b -> b.getName().endsWith("/data/" + f.orders() + "/" + victim)).findFirst().orElseThrow();
        f.backupWritable.container(f.config.backup().container()).getBlobClient(data.getName()).upload(BinaryData.fromString("bit rot"), true);

        Run run = drill(azurite, f, tmp, CopyMode.SERVER, false);

        assertEquals(Verdict.FAILED, run.report().verdict(), run.report().verdictReason());
        Mismatch m = run.report().integrity().mismatchReasons().stream().filter(x -> x.object().equals(f.orders() + "/" + victim))
                .findFirst().orElseThrow(() -> new AssertionError(run.report().integrity().mismatchReasons().toString()));
        assertTrue(m.reason().contains("server-side copy was deleted"), m.reason());
        assertFalse(f.recovery.container(f.orders()).getBlobClient(victim).exists(), "the unverified copy must not stay");
        assertTrue(f.recovery.container(f.orders()).getBlobClient("obj-0004.txt").exists(), "the others are restored");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new TreeMap<>();
        for (String kv : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
