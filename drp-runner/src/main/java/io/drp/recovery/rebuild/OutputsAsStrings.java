package io.drp.recovery.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.LocalPulumiCommand;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.Version;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The command under the workspace, with one repair. Pulumi Java 1.36.1 reads {@code pulumi stack output --json}
 * as a map of strings ({@code LocalWorkspace.getStackOutputs}), so any list or number output, such as the
 * recovery stack's {@code recoveryDataContainers}, makes {@code WorkspaceStack.up} throw after a successful
 * update. This re-encodes each non-string output as its JSON text, which {@link PulumiRecoveryTarget} decodes.
 * Everything else passes through untouched.
 */
final class OutputsAsStrings implements PulumiCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PulumiCommand given;
    private PulumiCommand command;

    /** @param given a stand-in, or null for the real CLI ({@code LocalPulumiCommand}, created on first use) */
    OutputsAsStrings(PulumiCommand given) {
        this.given = given;
    }

    /** True when this runs the real Pulumi CLI found on PATH. */
    boolean local() {
        return given == null;
    }

    private synchronized PulumiCommand command() throws AutomationException {
        if (command == null) command = given != null ? given : LocalPulumiCommand.create();
        return command;
    }

    @Override
    public Version version() {
        try {
            return command().version();
        } catch (AutomationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public CommandResult run(List<String> args, CommandRunOptions options) throws AutomationException {
        CommandResult r = command().run(args, options);
        boolean outputs = args.size() > 2 && args.get(0).equals("stack") && args.get(1).equals("output") && args.contains("--json");
        if (!outputs || r.code() != 0 || r.standardOutput().isBlank()) return r;
        try {
            JsonNode n = JSON.readTree(r.standardOutput());
            if (!(n instanceof ObjectNode o)) return r;
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) e.setValue(new TextNode(e.getValue().toString()));
            }
            return new CommandResult(r.code(), o.toString(), r.standardError());
        } catch (java.io.IOException e) {
            return r;
        }
    }

    /** Decodes an output that {@link #run} re-encoded: a JSON list's text back to its strings. */
    static List<String> list(Object value) {
        if (value instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        if (value == null) return List.of();
        try {
            JsonNode n = JSON.readTree(value.toString());
            if (n.isArray()) {
                java.util.ArrayList<String> out = new java.util.ArrayList<>();
                n.forEach(x -> out.add(x.asText()));
                return out;
            }
        } catch (java.io.IOException e) {
            // a plain string: a comma list, as in the stack config
        }
        return java.util.Arrays.stream(value.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
