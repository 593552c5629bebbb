package io.drp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the two generated references: the command line from picocli's own model of every command (what `--help`
 * prints, at a fixed width and without colour), and drp.yaml from the JSON schema the loader is fuzzed against. Both
 * are generated, never hand-edited, so a renamed option or field cannot leave the docs behind.
 */
final class ReferenceDocs {

    static final int WIDTH = 110;

    private ReferenceDocs() {}

    static String cli(CommandLine root) {
        StringBuilder md = new StringBuilder("# Command-line reference\n\n")
                .append("Generated from drp's picocli command model by `ReferenceDocsTest`; do not edit by hand.\n");
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        root.getSubcommands().values().stream().distinct().forEach(all::add);
        for (CommandLine c : all) {
            c.getCommandSpec().usageMessage().width(WIDTH).autoWidth(false);
            String name = c == root ? "drp" : "drp " + c.getCommandName();
            md.append("\n## ").append(name).append("\n\n```text\n")
                    .append(c.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n");
        }
        return md.toString();
    }

    static String config(String schemaResource) throws IOException {
        JsonNode schema;
        try (InputStream in = ReferenceDocs.class.getResourceAsStream(schemaResource)) {
            schema = new ObjectMapper().readTree(in);
        }
        StringBuilder md = new StringBuilder("# drp.yaml reference\n\n")
                .append("Generated from `drp-runner/src/main/resources/schema/drp-config.schema.json` by `ReferenceDocsTest`; ")
                .append("do not edit by hand. Rules that span fields are checked by `drp validate` only (see the schema's comment).\n\n")
                .append("| field | type | meaning |\n|---|---|---|\n");
        walk(schema, schema, "", md, 0);
        return md.toString();
    }

    private static void walk(JsonNode root, JsonNode node, String path, StringBuilder md, int depth) {
        node = resolve(root, node);
        if (depth > 8) return;
        JsonNode props = node.get("properties");
        if (props != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode field = resolve(root, e.getValue());
                String description = text(e.getValue().get("description"), text(field.get("description"), ""));
                md.append("| `").append(p).append("` | ").append(type(root, field)).append(" | ")
                        .append(description.replace("|", "\\|").replace("\n", " ")).append(" |\n");
                walk(root, field, p, md, depth + 1);
            }
        }
        JsonNode extra = node.get("additionalProperties");
        if (extra != null && extra.isObject()) walk(root, extra, path + ".<name>", md, depth + 1);
        JsonNode items = node.get("items");
        if (items != null && items.isObject()) walk(root, items, path + "[]", md, depth + 1);
        for (String alt : List.of("oneOf", "anyOf")) {
            JsonNode alts = node.get(alt);
            if (alts != null) for (JsonNode a : alts) if (resolve(root, a).has("properties")) walk(root, a, path, md, depth + 1);
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.asText().startsWith("#/")) return node;
        JsonNode target = root;
        for (String part : ref.asText().substring(2).split("/")) target = target.path(part);
        return target.isMissingNode() ? node : resolve(root, target);
    }

    private static String type(JsonNode root, JsonNode field) {
        if (field.has("enum")) {
            List<String> values = new ArrayList<>();
            field.get("enum").forEach(v -> values.add(v.asText()));
            return String.join(" \\| ", values);
        }
        if (field.has("type")) return field.get("type").isArray() ? field.get("type").toString().replace("\"", "") : field.get("type").asText();
        for (String alt : List.of("oneOf", "anyOf")) {
            if (field.has(alt)) {
                List<String> kinds = new ArrayList<>();
                field.get(alt).forEach(a -> kinds.add(type(root, resolve(root, a))));
                return String.join(" or ", kinds);
            }
        }
        return "";
    }

    private static String text(JsonNode n, String fallback) {
        return n == null || n.asText().isBlank() ? fallback : n.asText();
    }
}
