package io.drp.cli;

import io.drp.secrets.Redactor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every command shares: its output streams and the redactor its error line passes through. Failures
 * are not caught here: they propagate to {@link Main}'s handler, which prints one line and maps the
 * failure's type to its exit code.
 */
public abstract class DrpCommandBase implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    /** Secrets known to the running command; error messages pass through it. */
    protected Redactor redactor = Redactor.none();

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Redactor redactor() {
        return redactor;
    }

    @Override
    public final Integer call() {
        try {
            return execute().code;
        } finally {
            out().flush();
            err().flush();
        }
    }

    protected abstract ExitCode execute();
}
