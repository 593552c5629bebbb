package io.drp.recovery.rebuild;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.StackAlreadyExistsException;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.Version;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PulumiWorkspaceTest {

    private static RebuildFailure failure(AutomationException e) {
        return assertThrows(RebuildFailure.class, () -> PulumiWorkspace.call("up", "recovery-drill-1", () -> {
            throw e;
        }));
    }

    private static CommandResult result(String stderr) {
        return new CommandResult(255, "Updating (recovery-drill-1)", stderr);
    }

    @Test
    void withoutAStandInTheWorkspaceRunsTheRealCliThroughLocalPulumiCommand() {
        // nothing is run: LocalPulumiCommand is created on the first command only
        var options = PulumiWorkspace.local(Clock.systemUTC()).options();

        OutputsAsStrings command = assertInstanceOf(OutputsAsStrings.class, options.pulumiCommand());
        assertTrue(command.local());
        assertTrue(options.environmentVariables().containsKey("PULUMI_SKIP_UPDATE_CHECK"));
    }

    @Test
    void aStandInReplacesTheCli() {
        PulumiCommand standIn = new PulumiCommand() {
            public Version version() { return Version.of(3, 150); }
            public CommandResult run(List<String> args, CommandRunOptions o) { return new CommandResult(0, "", ""); }
        };
        OutputsAsStrings command = (OutputsAsStrings) new PulumiWorkspace(standIn, ctx -> { }, Clock.systemUTC()).options().pulumiCommand();
        assertTrue(!command.local());
    }

    @Test
    void automationExceptionsBecomeRebuildFailuresThatSayWhatToDo() {
        assertTrue(failure(new StackNotFoundException(result("error: no stack named 'recovery-drill-1' found"))).getMessage()
                .contains("stack recovery-drill-1 does not exist; create it with 'pulumi stack init recovery-drill-1'"));
        assertTrue(failure(new StackAlreadyExistsException(result("error: stack 'recovery-drill-1' already exists"))).getMessage()
                .contains("pulumi destroy --stack recovery-drill-1 --yes && pulumi stack rm recovery-drill-1 --yes"));
        assertTrue(failure(new ConcurrentUpdateException(result("error: [409] Conflict: Another update is currently in progress."))).getMessage()
                .contains("pulumi cancel --stack recovery-drill-1"));
        RebuildFailure quota = failure(new CommandException(result("warning: x\nerror: quota exceeded in region francesouth\n")));
        assertEquals("pulumi up on stack recovery-drill-1 failed: error: quota exceeded in region francesouth", quota.getMessage());
        assertTrue(failure(new AutomationException("Cannot run program \"pulumi\"")).getMessage().contains("install the Pulumi CLI"));
    }

    @Test
    void listAndNumberOutputsReachTheWorkspaceAsJsonText() throws Exception {
        PulumiCommand cli = new PulumiCommand() {
            public Version version() { return Version.of(3, 150); }
            public CommandResult run(List<String> args, CommandRunOptions o) {
                return new CommandResult(0, "{\"recoveryStorageAccountName\":\"drdatar\",\"recoveryDataContainers\":[\"orders\",\"media\"],\"n\":3}", "");
            }
        };
        CommandResult r = new OutputsAsStrings(cli).run(List.of("stack", "output", "--json", "--stack", "s"), CommandRunOptions.Empty);

        assertEquals("{\"recoveryStorageAccountName\":\"drdatar\",\"recoveryDataContainers\":\"[\\\"orders\\\",\\\"media\\\"]\",\"n\":\"3\"}",
                r.standardOutput());
        assertEquals(List.of("orders", "media"), OutputsAsStrings.list("[\"orders\",\"media\"]"));
    }
}
