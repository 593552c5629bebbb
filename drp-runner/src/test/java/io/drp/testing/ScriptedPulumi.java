package io.drp.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.StackAlreadyExistsException;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An in-JVM stand-in for the Pulumi CLI under the Automation API. Stacks live in a directory (one JSON file
 * each: config, resources, outputs, history). Like {@code LocalPulumiCommand}, it adds {@code --event-log <file>}
 * to an update's arguments; the scripted "engine" writes JSON lines in Pulumi's event-log format there, and the
 * stand-in reads them back with the Automation API's own deserializer and hands each to {@code onEvent},
 * stepping the test's clock first by the time the script gives that resource. It can fail one resource on up
 * and leave one behind on destroy. The recovery program itself (the inline host on {@code --client}) is not run.
 */
public final class ScriptedPulumi implements PulumiCommand {

    /** A resource the "program" declares, and how long its creation takes. */
    public record Resource(String type, String name, Duration takes) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private SteppableClock clock;
    private final List<Resource> program;
    private final Function<Map<String, String>, Map<String, Object>> outputs;
    public final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    private String failing;
    private String failingMessage;
    private String leftBehind;
    private String current;

    /** @param outputs the stack outputs, computed from the stack's config (as the program would) */
    public ScriptedPulumi(Path dir, SteppableClock clock, List<Resource> program, Function<Map<String, String>, Map<String, Object>> outputs) {
        this.dir = dir;
        this.clock = clock;
        this.program = program;
        this.outputs = outputs;
    }

    /** The clock the stand-in steps as the scripted resources take their time: the one drp stamps events with. */
    public ScriptedPulumi withClock(SteppableClock clock) {
        this.clock = clock;
        return this;
    }

    public ScriptedPulumi failing(String resourceName, String providerMessage) {
        this.failing = resourceName;
        this.failingMessage = providerMessage;
        return this;
    }

    public ScriptedPulumi leavingBehind(String resourceName) {
        this.leftBehind = resourceName;
        return this;
    }

    public boolean exists(String stack) {
        return Files.exists(file(stack));
    }

    public List<String> resources(String stack) {
        List<String> out = new ArrayList<>();
        read(stack).withArray("resources").forEach(r -> out.add(r.path("name").asText()));
        return out;
    }

    @Override
    public Version version() {
        return Version.of(3, 150, 0);
    }

    @Override
    public CommandResult run(List<String> args, CommandRunOptions options) throws AutomationException {
        List<String> a = new ArrayList<>(args);
        Path eventLog = null;
        if (options.onEngineEvent() != null) {
            try {
                eventLog = Files.createTempFile(dir, "event-log", ".jsonl");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            a.add("--event-log");
            a.add(eventLog.toString());
        }
        calls.add(List.copyOf(a));
        String stack = flag(a, "--stack");
        String s = stack != null ? stack : current;
        String cmd = a.get(0) + (a.size() > 1 && !a.get(1).startsWith("-") ? " " + a.get(1) : "");
        return switch (cmd) {
            case "stack init" -> init(a.get(2));
            case "stack select" -> select(s);
            case "stack rm" -> rm(a.get(a.size() - 1));
            case "stack ls" -> ok(ls());
            case "stack output" -> ok(read(need(s)).get("outputs").toString());
            case "stack history" -> ok(read(need(s)).get("history").toString());
            case "config set-all" -> setAll(s, a);
            case "config" -> ok(read(need(s)).get("config").toString());
            case "up" -> update(need(s), "update", eventLog, options);
            case "preview" -> update(need(s), "preview", eventLog, options);
            case "destroy" -> update(need(s), "destroy", eventLog, options);
            default -> new CommandResult(0, "", "");
        };
    }

    private CommandResult init(String stack) throws AutomationException {
        if (exists(stack)) throw new StackAlreadyExistsException(new CommandResult(255, "", "error: stack '" + stack + "' already exists"));
        ObjectNode n = JSON.createObjectNode();
        n.putObject("config");
        n.putArray("resources");
        n.putObject("outputs");
        n.putArray("history");
        write(stack, n);
        current = stack;
        return ok("Created stack '" + stack + "'");
    }

    private CommandResult select(String stack) throws AutomationException {
        if (!exists(stack)) throw new StackNotFoundException(new CommandResult(255, "", "error: no stack named '" + stack + "' found"));
        current = stack;
        return ok("");
    }

    private CommandResult rm(String stack) throws AutomationException {
        if (!exists(stack)) throw new StackNotFoundException(new CommandResult(255, "", "error: no stack named '" + stack + "' found"));
        if (!read(stack).withArray("resources").isEmpty()) {
            throw new CommandException(new CommandResult(255, "", "error: '" + stack + "' still has resources; removal rejected"));
        }
        try {
            Files.delete(file(stack));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ok("Stack '" + stack + "' has been removed!");
    }

    private String ls() {
        ArrayNode out = JSON.createArrayNode();
        try (var files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".stack.json")).sorted().forEach(p -> {
                String name = p.getFileName().toString().replace(".stack.json", "");
                out.addObject().put("name", name).put("current", name.equals(current)).put("updateInProgress", false)
                        .put("resourceCount", read(name).withArray("resources").size()).put("url", "file://" + dir);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private CommandResult setAll(String stack, List<String> a) throws AutomationException {
        ObjectNode n = read(need(stack));
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).equals("--plaintext")) {
                String[] kv = a.get(i + 1).split("=", 2);
                n.with("config").putObject(kv[0]).put("value", kv[1]).put("secret", false);
            }
        }
        write(stack, n);
        return ok("");
    }

    /** One update: events to the log, delivered with the clock stepped as scripted, then state and history. */
    private CommandResult update(String stack, String kind, Path eventLog, CommandRunOptions options) throws AutomationException {
        ObjectNode n = read(stack);
        ScriptedEventLog log = new ScriptedEventLog(clock, stack);
        log.prelude();
        boolean failed = false;
        int changed = 0;
        if (kind.equals("destroy")) {
            ArrayNode kept = JSON.createArrayNode();
            for (var r : n.withArray("resources")) {
                String type = r.path("type").asText(), name = r.path("name").asText();
                if (name.equals(leftBehind)) {
                    kept.add(r); // the provider says it is gone, but the state keeps it: what a verified teardown must catch
                    continue;
                }
                log.step("delete", type, name, Duration.ofSeconds(3), false, null);
                changed++;
            }
            n.set("resources", kept);
            n.putObject("outputs");
        } else {
            boolean preview = kind.equals("preview");
            ArrayNode created = JSON.createArrayNode();
            for (Resource r : program) {
                boolean fails = !preview && r.name().equals(failing);
                if (preview) log.planned("create", r.type(), r.name());
                else log.step("create", r.type(), r.name(), r.takes(), fails, failingMessage);
                if (fails) {
                    failed = true;
                    break;
                }
                created.addObject().put("type", r.type()).put("name", r.name());
                changed++;
            }
            if (!preview) {
                n.set("resources", created);
                Map<String, String> config = new LinkedHashMap<>();
                n.with("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().path("value").asText()));
                if (!failed) n.set("outputs", JSON.valueToTree(outputs.apply(config)));
            }
        }
        log.summary(kind.equals("destroy") ? "delete" : "create", changed);
        if (eventLog != null) log.deliver(eventLog, options.onEngineEvent());
        if (!kind.equals("preview")) {
            n.withArray("history").insertObject(0).put("kind", kind).put("startTime", clock.instant().toString())
                    .put("message", "").put("result", failed ? "failed" : "succeeded").put("endTime", clock.instant().toString())
                    .put("version", n.withArray("history").size() + 1);
            write(stack, n);
        }
        if (failed) throw new CommandException(new CommandResult(255, "", "error: update failed"));
        return ok("");
    }

    private String need(String stack) throws StackNotFoundException {
        if (stack == null || !exists(stack)) {
            throw new StackNotFoundException(new CommandResult(255, "", "error: no stack named '" + stack + "' found"));
        }
        return stack;
    }

    private static String flag(List<String> a, String name) {
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : null;
    }

    private static CommandResult ok(String out) {
        return new CommandResult(0, out, "");
    }

    private Path file(String stack) {
        return dir.resolve(stack + ".stack.json");
    }

    private ObjectNode read(String stack) {
        try {
            return (ObjectNode) JSON.readTree(file(stack).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String stack, ObjectNode n) {
        try {
            JSON.writeValue(file(stack).toFile(), n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
