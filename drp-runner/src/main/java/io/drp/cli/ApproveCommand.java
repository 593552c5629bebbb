package io.drp.cli;

import io.drp.failure.UsageFailure;
import io.drp.plan.Approvals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

@Command(name = "approve", header = "Pass a manual step of a running recovery plan.",
        description = {"A plan's manual action waits for a person: run this from another shell (or create the approval file) when "
                + "the step is done. The run records how long it waited for a person apart from machine time."},
        exitCodeList = {
                "0:the approval was recorded",
                "2:invalid usage: a malformed run id or step name",
                "3:aborted: the approval could not be written"},
        footer = {"  drp approve d-20260101-120000-ab12 dns-switched"})
public final class ApproveCommand extends DrpCommandBase {

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run waiting, as printed by drp drill or drp restore.")
    String runId;

    @Parameters(index = "1", paramLabel = "STEP", description = "The manual action's name in the plan.")
    String step;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".drp",
            description = "The running drp's work dir (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Override
    protected ExitCode execute() {
        Path f;
        try {
            f = Approvals.approve(workDir, runId, step, System.getProperty("user.name", "unknown"));
        } catch (IllegalArgumentException e) {
            throw new UsageFailure(e.getMessage() + "; pass the run id and the action's name as the run printed them");
        } catch (IOException e) {
            throw new io.drp.failure.AbortFailure("cannot write the approval into " + workDir + " (" + e.getMessage() + ")");
        }
        out().println("approved " + step + " of " + runId + " (" + f + ")");
        return ExitCode.OK;
    }
}
