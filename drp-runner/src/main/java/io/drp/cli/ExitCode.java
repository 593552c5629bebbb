package io.drp.cli;

import io.drp.failure.AbortFailure;
import io.drp.failure.DrpFailure;
import io.drp.failure.ObjectiveMissed;
import io.drp.failure.UsageFailure;
import io.drp.model.Verdict;
import picocli.CommandLine;

/**
 * The exit-code contract, in one place (README "Exit codes" mirrors it). Pipelines branch on these,
 * so they never change meaning.
 */
public enum ExitCode {
    /** Every objective met (or the command succeeded). */
    OK(0),
    /** The run completed, but an objective was missed (or assess found a blocking finding, or a ledger is broken). */
    OBJECTIVE_MISSED(1),
    /** Invalid usage or configuration: nothing was run. */
    USAGE(2),
    /** The run was aborted: infrastructure, storage or backup error, or the target is busy. */
    ABORTED(3);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public static ExitCode of(Verdict v) {
        return switch (v) {
            case PASSED -> OK;
            case FAILED -> OBJECTIVE_MISSED;
            case ABORTED -> ABORTED;
        };
    }

    /** Every failure's exit code. Anything unexpected is an abort: it never passes for success or bad usage. */
    public static ExitCode of(Throwable t) {
        if (t instanceof CommandLine.ParameterException) return USAGE;
        if (t instanceof DrpFailure f) {
            if (f instanceof UsageFailure) return USAGE;
            if (f instanceof ObjectiveMissed) return OBJECTIVE_MISSED;
            if (f instanceof AbortFailure) return ABORTED;
        }
        return ABORTED;
    }
}
