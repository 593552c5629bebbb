package io.drp.recovery.rebuild;

/**
 * Teardown could not prove that the drill's stack is gone. Not an abort: the recovery has already been
 * measured and reported. It becomes a finding carrying {@link #command()}, the exact command that finishes
 * the job, because a stack left up costs money every hour until someone runs it.
 */
public final class TeardownIncomplete extends RuntimeException {

    private final String stack;
    private final String command;

    public TeardownIncomplete(String stack, String message, Throwable cause) {
        super(message, cause);
        this.stack = stack;
        this.command = finishCommand(stack);
    }

    public String stack() {
        return stack;
    }

    public String command() {
        return command;
    }

    public static String finishCommand(String stack) {
        return "pulumi destroy --stack " + stack + " --yes && pulumi stack rm " + stack + " --yes";
    }
}
