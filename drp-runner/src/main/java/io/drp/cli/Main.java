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
        return run(out, err, System.getenv(), args);
    }

    /** With the environment given, so that tests can set DRP_CONFIG, DRP_WORK_DIR and NO_COLOR. */
    static int run(PrintStream out, PrintStream err, java.util.Map<String, String> env, String... args) {
        return commandLine(new PrintWriter(out, true), new PrintWriter(err, true), env).execute(args);
    }

    /** The fully configured command tree; tests walk its subcommands. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A fresh tree writing to these streams: {@code drp watch --auto} runs its response through one. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, System.getenv());
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        CommandLine.Help.Ansi ansi = Colour.decide(env, System.console() != null);
        Colour.use(ansi);
        CommandLine cli = new CommandLine(new DrpCommand())
                .setColorScheme(CommandLine.Help.defaultColorScheme(ansi))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(Instant.class, Main::instant)
                .setExitCodeExceptionMapper(t -> ExitCode.of(t).code)
                // picocli's own usage errors (unknown option, missing value) are exit 2 like ours
                .setParameterExceptionHandler(UsageErrors::handle)
                // users see one line, never a stack trace; the exit code comes from the failure's type
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    Redactor redactor = cmd.getCommand() instanceof DrpCommandBase c ? c.redactor() : Redactor.none();
                    String prefix = ex instanceof io.drp.config.ConfigException ? "" : cmd.getCommandSpec().qualifiedName() + ": ";
                    String message = ex instanceof DrpFailure ? ex.getMessage()
                            : "unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
                    cmd.getErr().println(prefix + redactor.redact(message));
                    cmd.getErr().flush();
                    int code = cmd.getExitCodeExceptionMapper().getExitCode(ex);
                    if (cmd.getCommand() instanceof DrpCommandBase c) c.failureDocument(redactor.redact(message), ExitCode.of(ex));
                    return code;
                });
        // picocli's built-in help command: described like ours (otherwise it inherits drp's header)
        cli.getSubcommands().get("help").getCommandSpec().usageMessage()
                .exitCodeList(new java.util.TreeMap<>(java.util.Map.of("0", "the help was printed", "2", "no such command")))
                .footer("  drp help drill");
        CliConventions.apply(cli, env);
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
