package io.drp.architecture;

import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering the README draws, checked on the sources: no package cycle, and no main source file over
 * 300 lines. Dependencies are read from imports and from fully qualified names in code.
 */
class SourceRulesTest {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.drp(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");
    private static final List<String> MAIN_ROOTS = List.of("drp-runner/src/main/java", "stacks/src/main/java");

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String root : MAIN_ROOTS) {
            try (Stream<Path> files = Files.walk(RepoRoot.get().resolve(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher pm = PACKAGE.matcher(text);
                    assertTrue(pm.find(), f + " has no package");
                    String pkg = pm.group(1);
                    Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) {
                        if (!m.group(1).equals(pkg)) deps.add(m.group(1));
                    }
                }
            }
        }
        return graph;
    }

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        List<List<String>> cycles = stronglyConnected(graph).stream().filter(c -> c.size() > 1).toList();
        assertEquals(List.of(), cycles, "package cycles; dependencies: " + graph);
    }

    @Test
    void theModelAndTheEngineDoNotDependOnTheCommandLine() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        graph.forEach((pkg, deps) -> {
            if (!pkg.equals("io.drp.cli")) assertFalse(deps.contains("io.drp.cli"), pkg + " depends on the CLI");
        });
        assertEquals(Set.of(), graph.get("io.drp.model"), "the model is plain records");
        assertFalse(graph.get("io.drp.storage").contains("io.drp.backup"));
        assertFalse(graph.get("io.drp.config").contains("io.drp.report"));
    }

    @Test
    void noMainSourceFileIsOver300Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (String root : MAIN_ROOTS) {
            try (Stream<Path> files = Files.walk(RepoRoot.get().resolve(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    long n = Files.readAllLines(f).size();
                    if (n > 300) long_.add(f.getFileName() + " (" + n + ")");
                }
            }
        }
        assertEquals(List.of(), long_);
    }

    /** Tarjan's algorithm, iterative enough for a few dozen packages. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) connect(v, graph, index, low, stack, onStack, out, counter);
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                                Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> scc = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            out.add(scc);
        }
    }
}
