package io.drp.cli;

import io.drp.testing.RepoRoot;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI templates under examples/ci parse as YAML, have the jobs the README promises, and every drp command line
 * in them is accepted by drp's own parser: a renamed option breaks this test, not a user's weekly drill.
 */
class PipelineTemplatesTest {

    private static final Path GITHUB = RepoRoot.get().resolve("examples/ci/github-actions/drp.yml");
    private static final Path AZURE = RepoRoot.get().resolve("examples/ci/azure-pipelines/drp.yml");

    private static Object load(Path p) throws Exception {
        return new Load(LoadSettings.builder().setLabel(p.toString()).build()).loadFromString(Files.readString(p));
    }

    /** Every string value anywhere in the document (run:, script:, inputs), depth first. */
    private static void strings(Object node, List<String> out) {
        if (node instanceof Map<?, ?> m) m.values().forEach(v -> strings(v, out));
        else if (node instanceof List<?> l) l.forEach(v -> strings(v, out));
        else if (node instanceof String s) out.add(s);
    }

    /**
     * drp where a shell runs it: first on a line or after a shell operator, by name (on the PATH, as the release archive
     * installs it) or by a path ending in /drp ("./drp", "$RUNNER_TEMP/drp/bin/drp"). Not "drp" inside a step name.
     */
    private static final Pattern DRP = Pattern.compile("(?:^|&&|\\|\\||;|\\|)\\s*(?:\"[^\"]*/|[^\\s\"]*/)?drp\"?\\s+");

    /** The arguments of each drp command, cut at shell operators and comments; quotes are honoured. */
    static List<List<String>> drpCommands(Object doc) {
        List<String> values = new ArrayList<>();
        strings(doc, values);
        List<List<String>> out = new ArrayList<>();
        for (String v : values) {
            for (String line : v.split("\n")) {
                Matcher m = DRP.matcher(line);
                if (!m.find()) continue;
                List<String> tokens = new ArrayList<>();
                StringBuilder cur = new StringBuilder();
                char quote = 0;
                String rest = line.substring(m.end());
                int i = 0;
                for (; i < rest.length(); i++) {
                    char c = rest.charAt(i);
                    if (quote != 0) {
                        if (c == quote) quote = 0; else cur.append(c);
                    } else if (c == '\'' || c == '"') {
                        quote = c;
                    } else if (Character.isWhitespace(c)) {
                        if (cur.length() > 0) tokens.add(cur.toString());
                        cur.setLength(0);
                    } else if ("|;&>#".indexOf(c) >= 0) {
                        break;
                    } else {
                        cur.append(c);
                    }
                }
                if (cur.length() > 0) tokens.add(cur.toString());
                out.add(tokens);
            }
        }
        return out;
    }

    private static void accepted(List<String> args) {
        CommandLine cli = Main.commandLine(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        cli.parseArgs(args.toArray(String[]::new)); // throws ParameterException on an unknown option or a bad value
    }

    @Test
    void everyDrpCommandInBothTemplatesIsAcceptedByDrpsParser() throws Exception {
        for (Path p : List.of(GITHUB, AZURE)) {
            List<List<String>> commands = drpCommands(load(p));
            List<String> subcommands = commands.stream().map(c -> c.get(0)).distinct().sorted().toList();
            assertEquals(List.of("backup", "drill", "status", "version"), subcommands, p.toString());
            for (List<String> c : commands) {
                try {
                    accepted(c);
                } catch (CommandLine.ParameterException e) {
                    throw new AssertionError(p + ": drp " + String.join(" ", c) + " is rejected: " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void theExtractionWouldCatchARenamedOption() {
        Object doc = Map.of("run", "set +e\n./drp drill -c drp.yaml --reports-dir x > log.txt # comment");
        List<List<String>> commands = drpCommands(doc);
        assertEquals(List.of(List.of("drill", "-c", "drp.yaml", "--reports-dir", "x")), commands);
        assertThrows(CommandLine.ParameterException.class, () -> accepted(commands.get(0)));
    }

    @Test
    void theExtractionFindsDrpOnThePathAndByPathButNotInProse() {
        Object doc = List.of(
                Map.of("name", "Install drp (no JDK needed)", "run", "set -eu\n\"$RUNNER_TEMP/drp/bin/drp\" version\ncd x && drp status -c drp.yaml"),
                Map.of("run", "echo \"::error::drp exited 3\"; tar -xzf drp.tar.gz -C \"$T/drp\"\ndrp drill --scenario level-3 | tee log"));
        assertEquals(List.of(List.of("version"), List.of("status", "-c", "drp.yaml"), List.of("drill", "--scenario", "level-3")),
                drpCommands(doc));
    }

    @Test
    void theTemplatesInstallTheReleaseArchiveAndNoJdk() throws Exception {
        for (Path p : List.of(GITHUB, AZURE)) {
            String text = Files.readString(p);
            assertTrue(text.contains("-linux-x64.tar.gz") && text.contains("sha256sum -c") && text.contains("tar -xzf"), p + " does not install the archive");
            assertTrue(!text.contains("setup-java") && !text.contains("JAVA_HOME") && !text.contains("./drp "), p + " still builds drp with a JDK");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void gitHubActionsSchedulesPublishesAndGates() throws Exception {
        Map<String, Object> doc = (Map<String, Object>) load(GITHUB);
        Map<String, Object> on = (Map<String, Object>) doc.get("on");
        assertEquals(2, ((List<?>) on.get("schedule")).size(), "hourly backup and weekly drill");
        Map<String, Object> jobs = (Map<String, Object>) doc.get("jobs");
        assertEquals(List.of("backup", "drill"), jobs.keySet().stream().sorted().toList());
        List<String> drill = new ArrayList<>();
        strings(jobs.get("drill"), drill);
        String all = String.join("\n", drill);
        assertTrue(all.contains("drill-reports/drill-report.junit.xml"), "JUnit results published");
        assertTrue(all.contains("$GITHUB_STEP_SUMMARY") && all.contains("drill-report.md"), "Markdown report as the job summary");
        assertTrue(all.contains("actions/upload-artifact@v4") && all.contains(".drp/ledger/"), "reports and ledger uploaded");
        assertTrue(all.contains("1) echo") && all.contains("exit 1") && all.contains("exit 3"), "fails on exit codes 1 and 3");
    }

    @Test
    @SuppressWarnings("unchecked")
    void azurePipelinesSchedulesPublishesAndGates() throws Exception {
        Map<String, Object> doc = (Map<String, Object>) load(AZURE);
        assertEquals(2, ((List<?>) doc.get("schedules")).size(), "hourly backup and weekly drill");
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) doc.get("jobs");
        Map<String, Object> drill = jobs.stream().filter(j -> "drill".equals(j.get("job"))).findFirst().orElseThrow();
        List<Map<String, Object>> steps = (List<Map<String, Object>>) drill.get("steps");
        Map<String, Object> junit = steps.stream().filter(s -> "PublishTestResults@2".equals(s.get("task"))).findFirst().orElseThrow();
        Map<String, Object> inputs = (Map<String, Object>) junit.get("inputs");
        assertEquals("JUnit", inputs.get("testResultsFormat"));
        assertEquals("drill-reports/drill-report.junit.xml", inputs.get("testResultsFiles"));
        assertEquals("always()", junit.get("condition"), "published for failed and aborted drills too");
        long artifacts = steps.stream().filter(s -> "PublishPipelineArtifact@1".equals(s.get("task"))).count();
        assertEquals(2, artifacts, "reports and ledger");
        List<String> values = new ArrayList<>();
        strings(drill, values);
        String all = String.join("\n", values);
        assertTrue(all.contains("task.uploadsummary") && all.contains("drill-report.md"));
        assertTrue(all.contains("exit 1") && all.contains("exit 3"));
    }
}
