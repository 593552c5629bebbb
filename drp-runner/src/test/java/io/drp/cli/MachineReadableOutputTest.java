package io.drp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.PulumiTest;
import io.drp.ledger.DrillLedger;
import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --format json: one document per command, in the shape the README documents; scripts depend on its field names. */
class MachineReadableOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static JsonNode json(CliTest.Run r) throws Exception {
        return JSON.readTree(r.out());
    }

    static Set<String> keys(JsonNode n) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    @Test
    void validatePrintsTheObjectivesInSeconds(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), CliTest.VALID);
        CliTest.Run r = CliTest.drp("validate", "-c", f.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = json(r);
        assertEquals(Set.of("config", "error", "file", "schemaVersion", "valid", "warnings"), keys(doc));
        assertEquals(1, doc.get("schemaVersion").asInt());
        assertTrue(doc.get("valid").asBoolean());
        JsonNode objective = null;
        for (JsonNode o : doc.at("/config/services/0/objectives")) {
            if (o.get("scenario").asText().equals("region-outage")) objective = o;
        }
        assertTrue(objective != null, "region-outage is listed");
        assertFalse(objective.get("builtIn").asBoolean());
        assertTrue(objective.get("incidentLevel").isNull());
        assertEquals(1800.0, objective.get("rtoSeconds").asDouble(), "30m");
        assertEquals(3600.0, objective.get("rpoSeconds").asDouble(), "1h");
        assertEquals(3600.0, doc.at("/config/backup/incrementalEverySeconds").asDouble());
        assertEquals("embedded", doc.at("/config/storage").asText());
    }

    @Test
    void anInvalidFileIsStillOneDocumentAndExitTwo(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("drp.yaml"), CliTest.VALID.replace("rto: 30m", "rto: soon"));
        CliTest.Run r = CliTest.drp("validate", "-c", f.toString(), "--format", "json");
        assertEquals(2, r.code());
        JsonNode doc = json(r);
        assertFalse(doc.get("valid").asBoolean());
        assertEquals(9, doc.at("/error/line").asInt());
        assertEquals("services.orders.objectives.region-outage.rto", doc.at("/error/field").asText());
        assertEquals(r.err().strip(), doc.at("/error/message").asText(), "the same one line as on stderr");
        assertTrue(doc.get("config").isNull());
    }

    @Test
    void historyListsTheRecordsWithTotals(@TempDir Path tmp) throws Exception {
        DrillLedger ledger = new DrillLedger(tmp, Optional.empty());
        DrillReport failed = SampleReportsAccess.failed();
        ledger.append(failed, ReportJson.toJson(failed).getBytes(StandardCharsets.UTF_8));
        DrillReport aborted = SampleReportsAccess.aborted();
        ledger.append(aborted, ReportJson.toJson(aborted).getBytes(StandardCharsets.UTF_8));
        CliTest.Run r = CliTest.drp("history", "--ledger", tmp.toString(), "--format", "json", "--last", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = json(r);
        assertEquals(Set.of("ledger", "passed", "records", "schemaVersion", "total", "verification"), keys(doc));
        assertEquals(2, doc.get("total").asInt());
        assertEquals(0, doc.get("passed").asInt());
        assertEquals(1, doc.get("records").size());
        assertEquals("d-aborted", doc.at("/records/0/drillId").asText());
        assertEquals("ABORTED", doc.at("/records/0/verdict").asText());
    }

    @Test
    void anEmptyLedgerIsAnEmptyListNotText(@TempDir Path tmp) throws Exception {
        CliTest.Run r = CliTest.drp("history", "--ledger", tmp.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, json(r).get("records").size());
    }

    @Test
    void assessAndPlanPrintDocumentsAndTheOldJsonFlagIsTheSame() throws Exception {
        Path root = RepoRoot.get();
        String[] assess = {"assess", "-c", root.resolve("examples/drp.yaml").toString(),
                "--production-config", root.resolve("Pulumi.production.yaml").toString(),
                "--recovery-config", root.resolve("Pulumi.recovery.yaml").toString()};
        CliTest.Run r = CliTest.drp(concat(assess, "--format", "json"));
        JsonNode doc = json(r);
        assertEquals(Set.of("config", "findings", "productionConfig", "ready", "recoveryConfig", "schemaVersion"), keys(doc));
        assertEquals(r.code() == 0, doc.get("ready").asBoolean(), "ready agrees with the exit code");
        assertTrue(doc.get("findings").size() > 0);
        assertTrue(doc.at("/findings/0/code").isTextual());
        assertEquals(r.out(), CliTest.drp(concat(assess, "--json")).out());

        CliTest.Run plan = CliTest.drp("plan", "--stack", "production", "--stack-config", root.resolve("Pulumi.production.yaml").toString(),
                "--format", "json");
        assertEquals(0, plan.code(), plan.err());
        JsonNode p = json(plan);
        assertEquals(Set.of("outputs", "resources", "schemaVersion", "stack", "stackConfig"), keys(p));
        assertEquals("production", p.get("stack").asText());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliTest.Run r = CliTest.drp("history", "--format", "xml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--format"), r.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
