package io.drp.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static io.drp.cli.CliTest.drp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help is the first thing a new user types: every command answers it, in the same shape, with exit 0. */
class HelpTest {

    /** Walks picocli's own map, so a command added later is covered without editing this test. */
    static List<String> registeredSubcommands() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new ArrayList<>(Main.commandLine(sink, sink).getSubcommands().keySet());
    }

    @Test
    void everySubcommandAnswersHelpWithOptionsAnExampleAndExitCodes() {
        List<String> commands = registeredSubcommands();
        assertTrue(commands.contains("drill") && commands.contains("generate-completion"), commands.toString());
        for (String name : commands) {
            for (String flag : List.of("--help", "-h")) {
                CliTest.Run r = drp(name, flag);
                assertEquals(0, r.code(), name + " " + flag + ": " + r.err());
                assertEquals("", r.err(), name + " " + flag);
                assertTrue(r.out().contains("Usage: drp " + name), name + ": " + r.out());
                assertTrue(r.out().contains("-h, --help"), name + " lists no help option: " + r.out());
                assertTrue(r.out().contains("\nExit codes:\n  0 "), name + " lists no exit codes: " + r.out());
                assertTrue(r.out().contains("\nExample:\n  "), name + " has no example: " + r.out());
            }
        }
    }

    @Test
    void helpCommandPrintsTheSameAsTheHelpOption() {
        for (String name : registeredSubcommands()) {
            CliTest.Run viaHelp = drp("help", name);
            assertEquals(0, viaHelp.code(), name + ": " + viaHelp.err());
            assertEquals(drp(name, "--help").out(), viaHelp.out(), name);
        }
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        CliTest.Run r = drp("help", "meteor");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("meteor"), r.err());
    }

    @Test
    void theUsageHintNamesTheCommandOnce() {
        CliTest.Run sub = drp("drill", "--no-such-option");
        assertEquals(2, sub.code());
        assertTrue(sub.err().contains("(see 'drp drill --help')"), sub.err());
        CliTest.Run root = drp("--no-such-option");
        assertEquals(2, root.code());
        assertTrue(root.err().contains("(see 'drp --help')"), root.err());
        assertFalse((sub.err() + root.err()).contains("drp drp"), sub.err() + root.err());
    }

    @Test
    void generateCompletionPrintsABashScriptThatKnowsTheCommands() {
        CliTest.Run r = drp("generate-completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().lines().findFirst().orElse(""));
        assertTrue(r.out().contains("complete -F"), "no complete -F registration");
        for (String name : List.of("drill", "restore", "verify-ledger")) {
            assertTrue(r.out().contains(name), "completion does not know " + name);
        }
        assertTrue(r.out().contains("--disaster-at"), "completion does not know drill's options");
    }
}
