package io.drp.cli;

import io.drp.report.Verdict;

/**
 * The exit-code contract, in one place (README "Exit codes" mirrors it). Pipelines branch on these,
 * so they never change meaning.
 */
public enum ExitCode {
    /** Every objective met (or the command succeeded). */
    OK(0),
    /** The drill completed, but an objective was missed (or assess found a blocking finding, or a ledger is broken). */
    OBJECTIVE_MISSED(1),
    /** Invalid usage or configuration: nothing was run. */
    USAGE(2),
    /** The drill was aborted: infrastructure, storage or backup error. */
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
}
