package io.drp.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;

/** Entry point. Only {@link #main} exits; {@link #run} returns the code so tests call it directly. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new DrpCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                // picocli's own usage errors (unknown option, missing value) are exit 2 like ours
                .setParameterExceptionHandler((ex, a) -> {
                    ex.getCommandLine().getErr().println("drp: " + ex.getMessage() + " (see 'drp "
                            + ex.getCommandLine().getCommandName() + " --help')");
                    return ExitCode.USAGE.code;
                });
        return cli.execute(args);
    }
}
