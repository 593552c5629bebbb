package io.drp.cli;

import io.drp.failure.DrpFailure;
import io.drp.secrets.Redactor;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Entry point. Only {@link #main} exits; {@link #run} returns the code so tests call it directly. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /** The fully configured command tree; tests walk its subcommands. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A fresh tree writing to these streams: {@code drp watch --auto} runs its response through one. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DrpCommand())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(Instant.class, Main::instant)
                .setExitCodeExceptionMapper(t -> ExitCode.of(t).code)
                // picocli's own usage errors (unknown option, missing value) are exit 2 like ours
                .setParameterExceptionHandler((ex, a) -> {
                    ex.getCommandLine().getErr().println("drp: " + ex.getMessage() + " (see '" + helpFor(ex.getCommandLine()) + "')");
                    return ExitCode.USAGE.code;
                })
                // users see one line, never a stack trace; the exit code comes from the failure's type
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    Redactor redactor = cmd.getCommand() instanceof DrpCommandBase c ? c.redactor() : Redactor.none();
                    String prefix = ex instanceof io.drp.config.ConfigException ? "" : cmd.getCommandSpec().qualifiedName() + ": ";
                    String message = ex instanceof DrpFailure ? ex.getMessage()
                            : "unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
                    cmd.getErr().println(prefix + redactor.redact(message));
                    cmd.getErr().flush();
                    return cmd.getExitCodeExceptionMapper().getExitCode(ex);
                });
        // picocli's built-in commands: visible, and described like ours (otherwise they inherit drp's header)
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
                .header("Print a bash/zsh completion script for drp.")
                .exitCodeList(java.util.Map.of("0", "the script was printed"))
                .footer("  source <(drp generate-completion)                 # this shell",
                        "  drp generate-completion > /etc/bash_completion.d/drp  # every new shell");
        cli.getSubcommands().get("help").getCommandSpec().usageMessage()
                .exitCodeList(new java.util.TreeMap<>(java.util.Map.of("0", "the help was printed", "2", "no such command")))
                .footer("  drp help drill");
        return cli;
    }

    /** "drp --help" for the root, "drp drill --help" for a subcommand, whatever the root was registered as. */
    static String helpFor(CommandLine cmd) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = cmd; c.getParent() != null; c = c.getParent()) {
            path.insert(0, " " + c.getCommandName());
        }
        return "drp" + path + " --help";
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an ISO-8601 UTC instant such as 2026-11-24T03:00:00Z");
        }
    }
}
