package io.drp.cli;

import picocli.CommandLine;

import java.util.List;

/**
 * picocli's own usage errors (unknown option or command, missing or bad value): exit 2 like ours, one line naming
 * the problem and the help to read, and for a mistyped option or command a second line with picocli's suggestions.
 */
final class UsageErrors {

    private UsageErrors() {}

    static int handle(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String see = " (see '" + Main.helpFor(cmd) + "')";
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            boolean command = !first.startsWith("-") && !cmd.getSubcommands().isEmpty();
            String what = command ? "'" + first + "' is not a " + Main.helpFor(cmd).replace(" --help", "") + " command"
                    : ex.getMessage();
            cmd.getErr().println("drp: " + what + see);
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) cmd.getErr().println("  did you mean: " + String.join(", ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?");
        } else {
            cmd.getErr().println("drp: " + ex.getMessage() + see);
        }
        cmd.getErr().flush();
        return ExitCode.USAGE.code;
    }
}
