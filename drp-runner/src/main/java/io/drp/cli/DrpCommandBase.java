package io.drp.cli;

import io.drp.backup.BackupError;
import io.drp.config.ConfigException;
import io.drp.drill.DrillLock;
import io.drp.report.Redactor;
import io.drp.storage.StorageError;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The one place where exceptions become a message and an exit code (the JReleaser AbstractCommand
 * pattern). Users see one line, never a stack trace, for anything they can fix.
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

    @Override
    public final Integer call() {
        try {
            return execute().code;
        } catch (ConfigException e) {
            err().println(redactor.redact(e.getMessage()));
            return ExitCode.USAGE.code;
        } catch (UsageError e) {
            err().println("drp " + spec.name() + ": " + e.getMessage());
            return ExitCode.USAGE.code;
        } catch (DrillLock.DrillConflict | StorageError | BackupError e) {
            err().println("drp " + spec.name() + ": " + redactor.redact(e.getMessage()));
            return ExitCode.ABORTED.code;
        } catch (RuntimeException e) {
            err().println("drp " + spec.name() + ": unexpected " + e.getClass().getSimpleName() + ": " + redactor.redact(e.getMessage()));
            return ExitCode.ABORTED.code;
        } finally {
            out().flush();
            err().flush();
        }
    }

    protected abstract ExitCode execute();

    /** Bad usage detected after parsing (conflicting options, a bad instant). */
    public static final class UsageError extends RuntimeException {
        public UsageError(String message) {
            super(message);
        }
    }
}
