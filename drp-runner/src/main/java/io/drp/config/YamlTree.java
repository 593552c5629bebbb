package io.drp.config;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A thin typed view over snakeyaml-engine's node graph. We compose nodes rather than load objects because
 * nodes keep their source marks: every error can then say file, line and field, which is the whole point
 * of an objectives file that auditors and pipelines depend on.
 */
final class YamlTree {

    private final String file;
    private final Node node;
    private final String path;

    private YamlTree(String file, Node node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    static YamlTree parse(String file, String text) {
        LoadSettings settings = YamlLimits.settings(file);
        try {
            YamlLimits.checkDepth(file, text); // before the Composer, which recurses once per level
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            Optional<Node> root = composer.getSingleNode();
            if (root.isEmpty()) {
                throw new ConfigException(file, 1, "", "the file is empty; start from examples/drp.yaml");
            }
            return new YamlTree(file, root.get(), "");
        } catch (ConfigException e) {
            throw e; // already one line with its line number: wrapping it below would lose both
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            throw new ConfigException(file, line, "", "malformed YAML (" + problem.trim() + "); fix the syntax at this line");
        } catch (org.snakeyaml.engine.v2.exceptions.ReaderException e) {
            // a character YAML forbids: the reader knows where, as a code point index; turn it into a line
            throw new ConfigException(file, lineAt(text, e.getPosition()), "", String.format(
                    "character U+%04X is not allowed in YAML; remove it or write it escaped inside double quotes", e.getCodePoint()));
        } catch (YamlEngineException e) {
            throw new ConfigException(file, 1, "", "malformed YAML (" + firstLine(e.getMessage()) + ")");
        } catch (RuntimeException e) {
            // snakeyaml-engine can throw plain runtime exceptions on some pathological inputs (found by fuzzing):
            // they are still a malformed file, not a crash.
            throw new ConfigException(file, 1, "", "malformed YAML (" + firstLine(String.valueOf(e.getMessage())) + ")");
        }
    }

    /** The 1-based line of the code point at {@code index}. */
    static int lineAt(String text, int index) {
        int line = 1;
        for (int i = 0, cp = 0; i < text.length() && cp < index; i += Character.charCount(text.codePointAt(i)), cp++) {
            if (text.charAt(i) == '\n') line++;
        }
        return line;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    String file() {
        return file;
    }

    String path() {
        return path;
    }

    int line() {
        return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }

    ConfigException error(String problem) {
        return new ConfigException(file, line(), path, problem);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isNull() {
        return node instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"))
                && s.getScalarStyle().toString().equals("PLAIN");
    }

    /** Fields of a mapping, in file order, rejecting duplicates and any key not in {@code allowed}. */
    Map<String, YamlTree> mapping(Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping (key: value lines), found " + describe());
        }
        Map<String, YamlTree> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlTree(file, t.getKeyNode(), path).error("keys must be plain names");
            }
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            YamlTree child = new YamlTree(file, t.getValueNode(), childPath);
            if (allowed != null && !allowed.contains(key)) {
                throw new YamlTree(file, k, childPath).error("unknown field; allowed here: " + String.join(", ", sorted(allowed)));
            }
            if (out.put(key, child) != null) {
                throw new YamlTree(file, k, childPath).error("duplicate field; keep only one");
            }
        }
        return out;
    }

    /** A mapping whose keys are user names (services, scenarios): no allow-list. */
    Map<String, YamlTree> namedMapping() {
        return mapping(null);
    }

    List<YamlTree> sequence() {
        if (!(node instanceof SequenceNode s)) {
            throw error("expected a list, found " + describe());
        }
        List<YamlTree> out = new ArrayList<>();
        List<Node> items = s.getValue();
        for (int i = 0; i < items.size(); i++) {
            out.add(new YamlTree(file, items.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    String string() {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected a single value, found " + describe());
        }
        return s.getValue();
    }

    String nonBlank() {
        String v = string().trim();
        if (v.isEmpty()) {
            throw error("must not be empty");
        }
        return v;
    }

    <T> T convert(Function<String, T> parser) {
        String raw = string();
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    long longValue(long min, long max) {
        String raw = string().trim();
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw error("'" + raw + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw error(v + " is out of range; use a value from " + min + " to " + max);
        }
        return v;
    }

    boolean bool() {
        String raw = string().trim().toLowerCase();
        return switch (raw) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("'" + raw + "' is not true or false");
        };
    }

    private String describe() {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        String v = ((ScalarNode) node).getValue();
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
