package io.drp.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The JSON Schema in the repository describes the reports drp writes. Real drills are validated in {@code ReportSchemaIT}. */
public class ReportSchemaTest {

    public static Set<ValidationMessage> validate(String json) throws Exception {
        try (InputStream schema = ReportSchemaTest.class.getResourceAsStream("/schema/drill-report.schema.json")) {
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            JsonNode node = ReportJson.mapper().readTree(json);
            return s.validate(node);
        }
    }

    @Test
    void failedAndAbortedShapesValidate() throws Exception {
        assertEquals(Set.of(), validate(ReportJson.toJson(SampleReports.failed())));
        assertEquals(Set.of(), validate(ReportJson.toJson(SampleReports.aborted())));
    }

    @Test
    void theSchemaRejectsWhatIsNotAReport() throws Exception {
        String json = ReportJson.toJson(SampleReports.failed());
        assertFalse(validate(json.replace("\"verdict\" : \"FAILED\"", "\"verdict\" : \"MAYBE\"")).isEmpty());
        assertFalse(validate(json.replace("\"schemaVersion\" : \"1.0\"", "\"schemaVersion\" : \"0.9\"")).isEmpty());
        assertFalse(validate(json.replace("\"transientRetries\" : 4", "\"transientRetries\" : 4, \"surprise\" : 1")).isEmpty());
        assertFalse(validate(json.replace("\"copyMode\" : \"server\"", "\"copyMode\" : \"auto\"")).isEmpty(), "auto is resolved before the report");
    }
}
