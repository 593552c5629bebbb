package io.drp.cli;

import io.drp.failure.UsageFailure;
import io.drp.progress.ConsoleProgress;
import io.drp.progress.Progress;
import io.drp.secrets.Redactor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every command shares: its output streams and the redactor its error line passes through. Failures
 * are not caught here: they propagate to {@link Main}'s handler, which prints one line and maps the
 * failure's type to its exit code. A command that mixes in {@link RunOutputOptions} gets its human lines routed
 * by them (stderr under {@code -o json}, nowhere under {@code --quiet}) and ends with {@link #finish}.
 */
public abstract class DrpCommandBase implements Callable<Integer> {

    private static final PrintWriter NOWHERE = new PrintWriter(OutputStream.nullOutputStream(), true);

    @Spec
    protected CommandSpec spec;

    /** Secrets known to the running command; error messages pass through it. */
    protected Redactor redactor = Redactor.none();

    /** The human lines: stdout, unless {@code -o json} (stderr) or {@code --quiet} (dropped). */
    protected PrintWriter out() {
        RunOutputOptions o = runOutput();
        if (o == null) return stdout();
        if (o.quiet) return NOWHERE;
        return o.json() ? err() : stdout();
    }

    /** Standard output itself: the JSON document or the quiet final line. */
    protected PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The progress bar on stderr, silent under --quiet or -o json (a script reads no bar). */
    protected Progress progress() {
        RunOutputOptions o = runOutput();
        if (o != null && (o.quiet || o.json())) return Progress.NONE;
        return new ConsoleProgress(System.err, System.console() != null);
    }

    Redactor redactor() {
        return redactor;
    }

    /** The run-output mixin this command declares, or null. */
    RunOutputOptions runOutput() {
        if (spec == null) return null;
        for (CommandSpec m : spec.mixins().values()) {
            if (m.userObject() instanceof RunOutputOptions o) return o;
        }
        return null;
    }

    /** Whether stdout must hold one JSON document, whatever happens (an error becomes one too, in {@link Main}). */
    boolean jsonDocument() {
        RunOutputOptions o = runOutput();
        return o != null && o.json();
    }

    /**
     * The run's last word: under {@code -o json} its document on stdout, under {@code --quiet} its one line, and
     * under {@code --verbose} each step's details first. Returns {@code code} so that a command ends with it.
     */
    protected ExitCode finish(RunDocuments.Outcome outcome, ExitCode code) {
        RunOutputOptions o = runOutput();
        if (o == null) return code;
        if (o.verbose) outcome.details().forEach(l -> out().println(redactor.redact(l)));
        if (o.json()) JsonDocuments.print(stdout(), outcome.document(code));
        else if (o.quiet) stdout().println(outcome.line());
        return code;
    }

    /** Under {@code -o json}, a failure still leaves one document on stdout: the command, the exit code and the error line. */
    void failureDocument(String error, ExitCode code) {
        if (jsonDocument()) JsonDocuments.print(stdout(), new RunDocuments.Failure(JsonDocuments.SCHEMA_VERSION, spec.name(), code.code, error));
    }

    @Override
    public final Integer call() {
        RunOutputOptions o = runOutput();
        if (o != null && o.quiet && o.verbose) throw new UsageFailure("--quiet and --verbose contradict each other; give one");
        try {
            return execute().code;
        } finally {
            stdout().flush();
            err().flush();
        }
    }

    protected abstract ExitCode execute();
}
