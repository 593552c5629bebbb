package io.drp.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.serialization.internal.LocalSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The engine side: lines in Pulumi's event-log format, each with the clock step that precedes its receipt. */
final class ScriptedEventLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SteppableClock clock;
    private final String stack;
    private final List<String> lines = new ArrayList<>();
    private final List<Duration> before = new ArrayList<>();
    private java.time.Instant engineNow;

    ScriptedEventLog(SteppableClock clock, String stack) {
        this.clock = clock;
        this.stack = stack;
        this.engineNow = clock.instant();
    }

    private void add(Duration wait, ObjectNode event) {
        engineNow = engineNow.plus(wait);
        ObjectNode line = JSON.createObjectNode().put("sequence", lines.size() + 1).put("timestamp", engineNow.getEpochSecond());
        line.setAll(event);
        lines.add(line.toString());
        before.add(wait);
    }

    private ObjectNode metadata(String op, String type, String name) {
        return JSON.createObjectNode().put("op", op).put("urn", "urn:pulumi:" + stack + "::drp::" + type + "::" + name)
                .put("type", type).put("provider", "");
    }

    void prelude() {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("preludeEvent").putObject("config");
        add(Duration.ZERO, e);
    }

    void planned(String op, String type, String name) {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("resourcePreEvent").put("planning", true).set("metadata", metadata(op, type, name));
        add(Duration.ZERO, e);
    }

    void step(String op, String type, String name, Duration takes, boolean fails, String message) {
        ObjectNode pre = JSON.createObjectNode();
        pre.putObject("resourcePreEvent").set("metadata", metadata(op, type, name));
        add(Duration.ofMillis(250), pre);
        if (fails) {
            ObjectNode diag = JSON.createObjectNode();
            diag.putObject("diagnosticEvent").put("urn", metadata(op, type, name).get("urn").asText()).put("prefix", "error: ")
                    .put("message", message + "\n").put("color", "never").put("severity", "error");
            add(takes, diag);
            ObjectNode f = JSON.createObjectNode();
            f.putObject("resOpFailedEvent").put("status", 0).put("steps", 0).set("metadata", metadata(op, type, name));
            add(Duration.ZERO, f);
        } else {
            ObjectNode out = JSON.createObjectNode();
            out.putObject("resOutputsEvent").set("metadata", metadata(op, type, name));
            add(takes, out);
        }
    }

    void summary(String op, int count) {
        ObjectNode e = JSON.createObjectNode();
        ObjectNode s = e.putObject("summaryEvent").put("maybeCorrupt", false).put("durationSeconds", 1);
        s.putObject("resourceChanges").put(op, count);
        s.putObject("PolicyPacks");
        add(Duration.ofMillis(100), e);
        ObjectNode c = JSON.createObjectNode();
        c.putObject("cancelEvent");
        add(Duration.ZERO, c);
    }

    void deliver(Path file, java.util.function.Consumer<EngineEvent> onEvent) {
        try {
            Files.write(file, lines);
            LocalSerializer serializer = new LocalSerializer();
            List<String> written = Files.readAllLines(file);
            for (int i = 0; i < written.size(); i++) {
                clock.step(before.get(i));
                onEvent.accept(serializer.deserializeJson(written.get(i), EngineEvent.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
