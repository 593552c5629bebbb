package io.drp.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.drp.model.DrillReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@code drill-report.json}: sorted keys and ISO-8601 UTC instants, so output diffs cleanly. */
public final class ReportJson {

    public static final String FILE_NAME = "drill-report.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(DrillReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes atomically (temp file + rename) so a reader never sees half a report. */
    public static Path write(DrillReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName(report));
        return ReportFiles.replace(target, (toJson(report) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** drill-report.json, or restore-report.json for a real recovery. */
    public static String fileName(DrillReport report) {
        return report.fileStem() + ".json";
    }

    public static DrillReport read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), DrillReport.class);
    }
}
