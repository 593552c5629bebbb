package io.drp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One action of a plan. Its kind is the one key among {@code run, shell, http, wait, manual}; the other fields
 * are checked against that kind, so a {@code status:} on a command is an error rather than silently ignored.
 */
final class PlanActionParser {

    static final Set<String> KINDS = Set.of("run", "shell", "http", "wait", "manual");
    private static final Set<String> COMMON = Set.of("name", "when");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "run", Set.of("timeout", "retries", "workingDir", "env"),
            "shell", Set.of("timeout", "retries", "workingDir", "env"),
            "http", Set.of("timeout", "status", "body", "jsonPointer", "equals", "every"),
            "wait", Set.of(),
            "manual", Set.of("timeout", "drill"));
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    static final Duration HTTP_TIMEOUT = Duration.ofMinutes(5);
    static final Duration MANUAL_TIMEOUT = Duration.ofHours(1);

    private PlanActionParser() {}

    static PlanAction parse(YamlTree node, String defaultName, Path configDir, Function<YamlTree, Secret> secret) {
        Map<String, YamlTree> m = node.namedMapping();
        List<String> kinds = m.keySet().stream().filter(KINDS::contains).toList();
        if (kinds.size() != 1) {
            String unknown = m.keySet().stream().filter(k -> !KINDS.contains(k) && !COMMON.contains(k)
                    && FIELDS.values().stream().noneMatch(f -> f.contains(k))).findFirst().orElse(null);
            if (kinds.isEmpty() && unknown != null) {
                throw m.get(unknown).error("'" + unknown + "' is not an action kind; use run, shell, http, wait or manual");
            }
            throw node.error(kinds.isEmpty() ? "an action needs its kind: one of run, shell, http, wait or manual"
                    : "an action has one kind; found " + String.join(" and ", kinds) + ": split it into two actions");
        }
        String kind = kinds.get(0);
        Set<String> allowed = FIELDS.get(kind);
        for (String k : m.keySet()) {
            if (!k.equals(kind) && !COMMON.contains(k) && !allowed.contains(k)) {
                throw m.get(k).error(KINDS.contains(k) || FIELDS.values().stream().anyMatch(f -> f.contains(k))
                        ? "does not apply to a " + kind + " action" : "unknown field; allowed here: " + String.join(", ", sortedWith(kind, allowed)));
            }
        }
        String name = m.containsKey("name") ? m.get("name").nonBlank() : defaultName;
        if (!ConfigLoader.NAME.matcher(name).matches()) throw m.get("name").error("action names use letters, digits, '-', '_' or '.'");
        PlanAction.When when = PlanAction.When.ALWAYS;
        if (m.containsKey("when")) {
            String w = m.get("when").nonBlank();
            try {
                when = PlanAction.When.valueOf(w.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw m.get("when").error("'" + w + "' is not a run kind; use drill, restore or always");
            }
        }
        YamlTree k = m.get(kind);
        int retries = m.containsKey("retries") ? (int) m.get("retries").longValue(0, 100) : 0;
        Path dir = m.containsKey("workingDir") ? configDir.resolve(m.get("workingDir").nonBlank()).normalize() : configDir;
        return switch (kind) {
            case "run", "shell" -> {
                List<String> argv = new ArrayList<>();
                String shell = null;
                if (kind.equals("run")) {
                    for (YamlTree a : k.sequence()) argv.add(a.string());
                    if (argv.isEmpty() || argv.get(0).isBlank()) throw k.error("give the command as a list: [program, arg, ...]");
                    // a relative program path is the config's, so a plan works from any working directory
                    if (argv.get(0).contains("/") && !Path.of(argv.get(0)).isAbsolute()) {
                        argv.set(0, configDir.resolve(argv.get(0)).normalize().toString());
                    }
                } else {
                    shell = k.nonBlank();
                }
                Map<String, String> env = new LinkedHashMap<>();
                Map<String, Secret> secrets = new LinkedHashMap<>();
                if (m.containsKey("env")) {
                    for (Map.Entry<String, YamlTree> e : m.get("env").namedMapping().entrySet()) {
                        if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) throw e.getValue().error("not a valid environment variable name");
                        if (e.getKey().startsWith("DRP_")) throw e.getValue().error("DRP_ variables are set by drp; choose another name");
                        String v = e.getValue().string();
                        if (v.contains("${env:")) secrets.put(e.getKey(), secret.apply(e.getValue()));
                        else env.put(e.getKey(), v);
                    }
                }
                yield new PlanAction(name, PlanAction.Kind.RUN, when, node.line(), timeout(m, RUN_TIMEOUT), retries, argv, shell, dir, env, secrets,
                        null, 0, null, null, null, null, null, false);
            }
            case "http" -> {
                String url = k.nonBlank();
                if (!url.startsWith("http://") && !url.startsWith("https://")) throw k.error("must be an http:// or https:// URL");
                int status = m.containsKey("status") ? (int) m.get("status").longValue(100, 599) : 200;
                String pointer = m.containsKey("jsonPointer") ? m.get("jsonPointer").nonBlank() : null;
                if (pointer != null && !pointer.startsWith("/")) throw m.get("jsonPointer").error("a JSON pointer starts with '/', e.g. /count");
                if ((pointer == null) != !m.containsKey("equals")) {
                    throw node.error("jsonPointer and equals go together: the value at the pointer and what it must be");
                }
                String expected = m.containsKey("equals") ? m.get("equals").string() : null;
                Duration every = m.containsKey("every") ? m.get("every").convert(Durations::parsePositive) : Duration.ofSeconds(5);
                String body = m.containsKey("body") ? m.get("body").nonBlank() : null;
                yield new PlanAction(name, PlanAction.Kind.HTTP, when, node.line(), timeout(m, HTTP_TIMEOUT), 0, null, null, dir, null, null,
                        url, status, body, pointer, expected, every, null, false);
            }
            case "wait" -> new PlanAction(name, PlanAction.Kind.WAIT, when, node.line(), k.convert(Durations::parsePositive), 0, null, null,
                    dir, null, null, null, 0, null, null, null, null, null, false);
            default -> {
                boolean auto = false;
                if (m.containsKey("drill")) {
                    if (!m.get("drill").nonBlank().equals("auto")) throw m.get("drill").error("the only value is auto: passed in drills, with a note");
                    auto = true;
                }
                yield new PlanAction(name, PlanAction.Kind.MANUAL, when, node.line(), timeout(m, MANUAL_TIMEOUT), 0, null, null, dir, null, null,
                        null, 0, null, null, null, null, k.nonBlank(), auto);
            }
        };
    }

    private static Duration timeout(Map<String, YamlTree> m, Duration dflt) {
        return m.containsKey("timeout") ? m.get("timeout").convert(Durations::parsePositive) : dflt;
    }

    private static List<String> sortedWith(String kind, Set<String> allowed) {
        List<String> all = new ArrayList<>(allowed);
        all.addAll(COMMON);
        all.add(kind);
        return all.stream().sorted().toList();
    }
}
