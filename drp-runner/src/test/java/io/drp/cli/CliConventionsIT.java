package io.drp.cli;

import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drp.demo.DemoDataset;
import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conventions of issue 23 §5 on the demo's emulator data: the "next:" commands run as printed, {@code -o json}
 * documents match what storage holds, an --at before the oldest point is exit 2 naming it, and a status on an empty
 * emulator says which --work-dir it used.
 */
class CliConventionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the emulator's accounts with the plain SDK, while no drp command runs. */
    private static <T> T withAccounts(Path work, Function<StorageSession, T> read) {
        try (AzuriteEmulator e = AzuriteEmulator.start(work.resolve("emulator"));
             StorageSession s = StorageSession.ofEmulator(e, new StorageConnector())) {
            return read.apply(s);
        }
    }

    private static List<String> recoveryContainers(Path work) {
        return withAccounts(work, s -> s.connector().openReadOnly("recovery", s.accounts().recovery()).client().listBlobContainers()
                .stream().map(BlobContainerItem::getName).sorted().toList());
    }

    @Test
    void theDemosNextCommandsRunAndJsonDocumentsMatchStorage(@TempDir Path tmp) throws Exception {
        // given the demo's data, and the "next:" list it ends with
        Path work = tmp.resolve("work"), reports = tmp.resolve("demo"), ledger = tmp.resolve("ledger");
        CliTest.Run demo = CliTest.drp("demo", "--work-dir", work.toString(), "--report-dir", reports.toString(),
                "--ledger", ledger.toString(), "--gap", "1s");
        assertTrue(demo.code() == 0 || demo.code() == 1, demo.out() + demo.err());
        String[] after = demo.out().split("\nnext: ");
        assertEquals(2, after.length, demo.out());
        List<String> next = after[1].lines().skip(1).map(String::strip).filter(l -> l.startsWith("drp ")).toList();
        assertTrue(next.size() >= 6, after[1]);

        // when each is run as printed, then none is a usage error or an abort, and the ledger's readers find the demo's
        for (String line : next) {
            CliTest.Run r = CliTest.drp(ShellWords.split(line.substring(4)).toArray(String[]::new));
            assertTrue(r.code() == 0 || r.code() == 1, line + " -> " + r.code() + "\n" + r.out() + r.err());
            if (line.startsWith("drp verify-ledger") || line.startsWith("drp history")) assertEquals(0, r.code(), line + "\n" + r.err());
        }
        String cfg = work.resolve("drp.yaml").toString(), w = work.toString();

        // and backup -o json is one document naming a point whose manifest is in the backup container
        CliTest.Run backup = CliTest.drp("backup", "-c", cfg, "--work-dir", w, "-o", "json");
        assertEquals(0, backup.code(), backup.err());
        JsonNode point = JSON.readTree(backup.out());
        assertEquals("backup", point.get("command").asText());
        String manifest = "chains/" + point.get("point").asText() + "/manifest.jsonl";
        boolean stored = withAccounts(work, s -> s.connector().openReadOnly("backup", s.accounts().backup()).container("drp-backups")
                .getBlobClient(manifest).exists());
        assertTrue(stored, manifest);

        // and drill --dry-run -o json plans the point backup just wrote; drill --quiet prints its one final line only
        CliTest.Run plan = CliTest.drp("drill", "-c", cfg, "--work-dir", w, "--dry-run", "-o", "json");
        assertTrue(plan.code() == 0 || plan.code() == 1, plan.err());
        JsonNode planned = JSON.readTree(plan.out());
        assertTrue(planned.get("dryRun").asBoolean());
        assertEquals(point.get("point").asText(), planned.get("recoveryPoint").asText());
        assertEquals(plan.code(), planned.get("exitCode").asInt());
        CliTest.Run quiet = CliTest.drp("drill", "-c", cfg, "--work-dir", w, "--report-dir", tmp.resolve("quiet").toString(), "--quiet");
        assertTrue(quiet.code() == 0 || quiet.code() == 1, quiet.out() + quiet.err());
        assertEquals(1, quiet.out().strip().lines().count(), quiet.out());
        DrillReport drilled = ReportJson.read(tmp.resolve("quiet").resolve("drill-report.json"));
        assertTrue(quiet.out().startsWith("drill " + drilled.drillId() + ": " + drilled.verdict()), quiet.out());

        // and --at before the oldest point is exit 2 naming that point, with nothing written to the recovery account
        JsonNode list = JSON.readTree(CliTest.drp("backup", "-c", cfg, "--work-dir", w, "--list", "-o", "json").out());
        JsonNode oldest = list.get("points").get(0);
        Instant before = Instant.parse(oldest.get("watermark").asText()).minusSeconds(3600);
        List<String> containersBefore = recoveryContainers(work);
        CliTest.Run early = CliTest.drp("restore", "-c", cfg, "--work-dir", w, "--at", before.toString(), "--report-dir", tmp.resolve("early").toString());
        assertEquals(2, early.code(), early.out() + early.err());
        assertTrue(early.err().contains(oldest.get("pointId").asText()) && early.err().contains(oldest.get("watermark").asText()), early.err());
        assertEquals(1, early.err().strip().lines().count(), early.err());
        assertEquals(containersBefore, recoveryContainers(work));
        assertFalse(Files.exists(tmp.resolve("early")));

        // and restore -o json --verbose: stdout is the document, stderr the summary and each step's details
        Path out = tmp.resolve("restored");
        CliTest.Run restore = CliTest.drp("restore", "-c", cfg, "--work-dir", w, "--report-dir", out.toString(), "-o", "json", "--verbose");
        assertEquals(0, restore.code(), restore.err());
        JsonNode doc = JSON.readTree(restore.out());
        DrillReport report = ReportJson.read(Path.of(doc.get("report").asText()));
        assertEquals(report.drillId(), doc.get("id").asText());
        assertEquals("PASSED", doc.get("verdict").asText());
        assertEquals(0, doc.get("exitCode").asInt());
        assertTrue(restore.err().contains("restore " + report.drillId()) && restore.err().contains("steps in detail:"), restore.err());
        long inStorage = withAccounts(work, s -> {
            StorageAccount recovery = s.connector().openReadOnly("recovery", s.accounts().recovery());
            return DemoDataset.CONTAINERS.stream().mapToLong(c -> recovery.container(c).listBlobs(new ListBlobsOptions(), null).stream().count()).sum();
        });
        assertEquals(inStorage, doc.get("objects").get("restored").asLong(), doc.toString());
        assertEquals(report.measured().recoveryPoint(), doc.get("recoveryPoint").asText());

        // and a status whose --work-dir holds no emulator data says so and names --work-dir
        CliTest.Run fresh = CliTest.drp("status", "-c", cfg, "--work-dir", tmp.resolve("elsewhere").toString());
        assertTrue(fresh.err().contains("is empty") && fresh.err().contains("--work-dir"), fresh.err());
        CliTest.Run used = CliTest.drp("status", "-c", cfg, "--work-dir", w, "--ledger", ledger.toString());
        assertFalse(used.err().contains("is empty"), used.err());
    }
}
