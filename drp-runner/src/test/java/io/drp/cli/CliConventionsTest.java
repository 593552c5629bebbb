package io.drp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerBook;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conventions users bring from az, AzCopy, kubectl and Velero (issue 23 §5). No storage is touched here. */
class CliConventionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CliTest.Run drp(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
        return new CliTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<CommandLine> tree(CommandLine c) {
        List<CommandLine> all = new ArrayList<>(List.of(c));
        c.getSubcommands().values().forEach(s -> all.addAll(tree(s)));
        return all;
    }

    private static CommandLine root() {
        return Main.commandLine(new PrintWriter(new ByteArrayOutputStream()), new PrintWriter(new ByteArrayOutputStream()), Map.of());
    }

    @Test
    void everyCommandWithFormatJsonAcceptsDashOAndEveryRunCommandHasOutputQuietAndVerbose() {
        Set<String> withFormatJson = new HashSet<>();
        for (CommandLine c : tree(root())) {
            OptionSpec format = c.getCommandSpec().findOption("--format");
            if (format == null || !format.type().isEnum()) continue; // drp report's --format names files, not stdout
            withFormatJson.add(c.getCommandName());
            assertTrue(List.of(format.names()).containsAll(List.of("-o", "--output")), c.getCommandName() + ": " + List.of(format.names()));
        }
        assertTrue(withFormatJson.containsAll(Set.of("validate", "plan", "assess", "history", "status")), withFormatJson.toString());
        for (String run : List.of("drill", "restore", "backup", "verify-ledger")) {
            var spec = root().getSubcommands().get(run).getCommandSpec();
            for (String name : List.of("-o", "--output", "-q", "--quiet", "-v", "--verbose")) {
                assertNotNull(spec.findOption(name), run + " " + name);
            }
        }
    }

    @Test
    void verifyLedgerWithDashOJsonPrintsOneDocumentAndTheHumanLinesOnStderr(@TempDir Path tmp) throws Exception {
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        ReportJson.write(SampleReportsAccess.failed(), reports);
        new LedgerBook(ledger, Optional.empty()).record(SampleReportsAccess.failed(), reports);

        CliTest.Run r = CliTest.drp("verify-ledger", "--ledger", ledger.toString(), "--reports", reports.toString(), "-o", "json");

        assertEquals(0, r.code(), r.err());
        JsonNode doc = JSON.readTree(r.out()); // the whole of stdout is one document
        assertEquals(1, doc.get("schemaVersion").asInt());
        assertEquals("verify-ledger", doc.get("command").asText());
        assertEquals(0, doc.get("exitCode").asInt());
        assertTrue(doc.get("intact").asBoolean());
        assertEquals(1, doc.get("records").asLong());
        assertEquals(1, doc.get("reportsChecked").asLong());
        assertEquals(ledger.resolve(DrillLedger.FILE).toString(), doc.get("ledger").asText());
        assertTrue(r.err().contains("ledger intact: 1 record(s)"), r.err());
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys.stream().sorted().toList(), keys, "keys sorted");

        // and a forged line makes it exit 1 with the break in the document
        LedgerCliTest.appendForgedPassedDrill(ledger.resolve(DrillLedger.FILE), "d-forged", java.time.Instant.now());
        CliTest.Run broken = CliTest.drp("verify-ledger", "--ledger", ledger.toString(), "--output", "json");
        assertEquals(1, broken.code(), broken.err());
        JsonNode b = JSON.readTree(broken.out());
        assertFalse(b.get("intact").asBoolean());
        assertEquals(1, b.get("exitCode").asInt());
        assertEquals(2, b.get("brokenAt").asLong(), b.toString());
        assertTrue(broken.err().contains("ledger BROKEN"), broken.err());
    }

    @Test
    void quietPrintsOnlyTheFinalLineAndQuietWithVerboseIsAUsageError(@TempDir Path tmp) throws Exception {
        Path ledger = tmp.resolve("ledger"), reports = tmp.resolve("reports");
        ReportJson.write(SampleReportsAccess.failed(), reports);
        new LedgerBook(ledger, Optional.empty()).record(SampleReportsAccess.failed(), reports);

        CliTest.Run quiet = CliTest.drp("verify-ledger", "--ledger", ledger.toString(), "--reports", reports.toString(), "--quiet");
        assertEquals(0, quiet.code(), quiet.err());
        assertEquals(1, quiet.out().strip().lines().count(), quiet.out());
        assertTrue(quiet.out().startsWith("ledger intact: 1 record(s)") && quiet.out().contains("1 archived report(s)"), quiet.out());
        assertEquals("", quiet.err());

        CliTest.Run both = CliTest.drp("verify-ledger", "--ledger", ledger.toString(), "-q", "-v");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--quiet and --verbose"), both.err());
    }

    @Test
    void aFailureUnderDashOJsonStillLeavesOneDocumentOnStdout(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("nope.yaml");
        for (String command : List.of("drill", "restore", "backup")) {
            CliTest.Run r = CliTest.drp(command, "-c", missing.toString(), "-o", "json");
            assertEquals(2, r.code(), command + ": " + r.err());
            JsonNode doc = JSON.readTree(r.out());
            assertEquals(command, doc.get("command").asText());
            assertEquals(2, doc.get("exitCode").asInt());
            assertTrue(doc.get("error").asText().contains("nope.yaml"), doc.toString());
            assertTrue(r.err().contains("nope.yaml"), r.err());
        }
    }

    @Test
    void drpConfigAndDrpWorkDirAreTheDefaultsAndAnOptionBeatsThem(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("from-env.yaml"), CliTest.VALID);
        Map<String, String> env = Map.of("DRP_CONFIG", f.toString(), "DRP_WORK_DIR", tmp.resolve("w").toString());

        CliTest.Run r = drp(env, "validate");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("from-env.yaml"), r.out());
        CliTest.Run explicit = drp(env, "validate", "-c", tmp.resolve("other.yaml").toString());
        assertEquals(2, explicit.code(), "an explicit -c wins over DRP_CONFIG: " + explicit.out());
        assertTrue(explicit.err().contains("other.yaml"), explicit.err());

        CommandLine cl = Main.commandLine(new PrintWriter(new ByteArrayOutputStream()), new PrintWriter(new ByteArrayOutputStream()), env);
        cl.parseArgs("drill");
        DrillCommand drill = cl.getSubcommands().get("drill").getCommand();
        assertEquals(tmp.resolve("w"), drill.options.workDir);
        assertEquals(f, drill.options.config);
        cl.parseArgs("demo");
        DemoCommand demo = cl.getSubcommands().get("demo").getCommand();
        assertEquals(Path.of(".drp/demo"), demo.workDir, "DRP_WORK_DIR never redirects the demo, which wipes its work dir");
        cl.parseArgs("verify-ledger");
        VerifyLedgerCommand verify = cl.getSubcommands().get("verify-ledger").getCommand();
        assertEquals(f, verify.options.config);
    }

    @Test
    void aMistypedCommandOrOptionExitsTwoWithOneLineAndASuggestion() {
        CliTest.Run command = CliTest.drp("dril");
        assertEquals(2, command.code());
        List<String> lines = command.err().strip().lines().toList();
        assertEquals(2, lines.size(), command.err());
        assertTrue(lines.get(0).contains("'dril' is not a drp command"), lines.get(0));
        assertTrue(lines.get(1).contains("did you mean") && lines.get(1).contains("drill"), lines.get(1));

        CliTest.Run option = CliTest.drp("drill", "--repot-dir", "x");
        assertEquals(2, option.code());
        List<String> o = option.err().strip().lines().toList();
        assertEquals(2, o.size(), option.err());
        assertTrue(o.get(0).contains("--repot-dir") && o.get(0).contains("drp drill --help"), o.get(0));
        assertTrue(o.get(1).contains("--report-dir"), o.get(1));
    }

    @Test
    void enumValuesAreLowerCaseInCompletionAndErrorsAndAnyCaseIsAccepted() {
        for (CommandLine c : tree(root())) {
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (!o.type().isEnum() || o.completionCandidates() == null) continue;
                for (String v : o.completionCandidates()) assertEquals(v.toLowerCase(Locale.ROOT), v, c.getCommandName() + " " + o.longestName());
            }
        }
        CliTest.Run bad = CliTest.drp("restore", "--verify", "thorough");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("full, metadata"), bad.err());
        CommandLine cl = root();
        cl.parseArgs("restore", "--verify", "Metadata", "--target", "PRODUCTION");
        RestoreCommand r = cl.getSubcommands().get("restore").getCommand();
        assertEquals(io.drp.recovery.VerifyMode.METADATA, r.verify);
    }

    @Test
    void theCompletionScriptRegistersDotSlashDrpAndGivesEachOptionItsOwnValues(@TempDir Path tmp) throws Exception {
        CliTest.Run r = CliTest.drp("generate-completion");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("\"FULL\""), "enum values in lower case");
        assertTrue(r.out().contains("(\"full\" \"metadata\")") && r.out().contains("(\"stream\" \"server\" \"auto\")"));
        // two options sharing a paramLabel share one bash variable, and one option's values overwrite the other's
        Matcher m = Pattern.compile("(?m)^function _picocli_drp_(\\w+)\\(\\)[\\s\\S]*?^}").matcher(r.out());
        while (m.find()) {
            List<String> vars = Pattern.compile("local (\\w+_option_args)=").matcher(m.group()).results().map(x -> x.group(1)).toList();
            assertEquals(new HashSet<>(vars).size(), vars.size(), m.group(1) + ": " + vars);
        }
        // and bash itself accepts the script and knows ./drp afterwards
        Path script = Files.writeString(tmp.resolve("drp-completion.bash"), r.out());
        Process p = new ProcessBuilder("bash", "-c", "source " + script + " && complete -p ./drp && complete -p drp").redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
        assertTrue(said.contains("_complete_drp") && said.contains("./drp"), said);
    }

    @Test
    void helpExamplesNeverBreakInsideAToken() {
        for (CommandLine c : tree(root())) {
            CommandLine.Command declared = c.getCommand().getClass().getAnnotation(CommandLine.Command.class);
            if (declared == null) continue;
            String help = c.getUsageMessage(Ansi.OFF);
            List<String> lines = help.lines().toList();
            for (String example : declared.footer()) {
                for (String token : example.strip().split(" +")) {
                    if (token.startsWith("#")) break;
                    assertTrue(lines.stream().anyMatch(l -> List.of(l.strip().split(" +")).contains(token)),
                            c.getCommandName() + ": example token '" + token + "' is split in\n" + help);
                }
            }
            lines.forEach(l -> assertTrue(l.length() <= CliConventions.WIDTH, c.getCommandName() + ": " + l));
        }
    }

    @Test
    void longExamplesContinueWithABackslashAndCommentsStayWhole() {
        List<String> w = CliConventions.wrap(new String[] {
                "  drp restore -c drp.yaml --target recovery --incident-start 2026-11-24T03:00:00Z --scenario region-outage",
                "  drp backup -c drp.yaml   # a comment that is long enough to pass the width of this narrow column"}, 40);
        assertEquals(List.of("  drp restore -c drp.yaml --target \\", "      recovery --incident-start \\",
                "      2026-11-24T03:00:00Z --scenario \\", "      region-outage",
                "  drp backup -c drp.yaml # a comment that is long enough to pass the width of this narrow column"), w);
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertEquals(Ansi.ON, Colour.decide(Map.of(), true));
        assertEquals(Ansi.OFF, Colour.decide(Map.of(), false));
        assertEquals(Ansi.OFF, Colour.decide(Map.of("NO_COLOR", "1"), true));
        assertEquals(Ansi.OFF, Colour.decide(Map.of("TERM", "dumb"), true));
        assertTrue(Colour.verdict(Ansi.ON, Verdict.FAILED).contains("\u001B[") && Colour.verdict(Ansi.ON, Verdict.FAILED).contains("FAILED"));
        assertEquals("PASSED", Colour.verdict(Ansi.OFF, Verdict.PASSED));
        // and help through Main with NO_COLOR carries no escape sequence
        assertFalse(drp(Map.of("NO_COLOR", "1"), "drill", "--help").out().contains("\u001B["));
    }

    @Test
    void statusOnAnEmbeddedConfigWithAnEmptyEmulatorDirectoryNamesWorkDir(@TempDir Path tmp) throws Exception {
        var cfg = new io.drp.config.ConfigLoader().load(Files.writeString(tmp.resolve("drp.yaml"), CliTest.VALID));
        Optional<String> empty = EmptyEmulator.warning(cfg, tmp.resolve("fresh"));
        assertTrue(empty.isPresent() && empty.get().contains("--work-dir") && empty.get().contains("fresh"), empty.toString());
        Files.createDirectories(tmp.resolve("used").resolve("emulator"));
        Files.writeString(tmp.resolve("used").resolve("emulator").resolve("__azurite_db_blob__.json"), "{}");
        assertEquals(Optional.empty(), EmptyEmulator.warning(cfg, tmp.resolve("used")));
    }

    @Test
    void demoNextCommandsParseAsTheyArePrinted(@TempDir Path tmp) {
        Path work = tmp.resolve("my work"), reports = tmp.resolve("reports");
        for (String line : DemoNext.commands(work, reports, tmp.resolve("ledger"), reports.resolve("drill-report.json"))) {
            assertTrue(line.startsWith("drp "), line);
            // a path with a space is quoted; unquoting by the shell is what the IT runs
            List<String> args = ShellWords.split(line.substring(4));
            CommandLine cl = root();
            cl.parseArgs(args.toArray(String[]::new)); // throws on an option a command does not have
        }
    }
}
