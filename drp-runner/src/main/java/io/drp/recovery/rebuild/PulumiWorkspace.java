package io.drp.recovery.rebuild;

import com.pulumi.Context;
import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.DestroyOptions;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.OutputValue;
import com.pulumi.automation.PreviewOptions;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.StackAlreadyExistsException;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.StackSummary;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.WorkspaceStack;
import io.drp.stacks.App;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * drp's one boundary with Pulumi's Automation API: every stack operation goes through here, and every
 * Automation exception leaves it as a {@link RebuildFailure} that says what to do.
 * <p>
 * The program runs inline ({@link LocalWorkspaceOptions.Builder#program}): it is the stacks module drp was
 * built with, already on drp's class path, so a drill needs neither Maven nor a build of {@code stacks/}
 * at the moment a region is lost, and the report can name the exact program version. The CLI is still
 * needed underneath (it is the engine and talks to the state backend).
 */
public final class PulumiWorkspace {

    /** The Pulumi project name: the fully qualified stack names in Pulumi.*.yaml use it. */
    public static final String PROJECT = "drp";

    private final OutputsAsStrings command;
    private final Consumer<Context> program;
    private final Clock clock;

    /** @param command a stand-in for the CLI, or null for the real one ({@code LocalPulumiCommand}, found on PATH, made on first use) */
    public PulumiWorkspace(PulumiCommand command, Consumer<Context> program, Clock clock) {
        this.command = new OutputsAsStrings(command);
        this.program = program;
        this.clock = clock;
    }

    /** The real CLI and drp's recovery program. */
    public static PulumiWorkspace local(Clock clock) {
        return new PulumiWorkspace(null, App::stack, clock);
    }

    public Clock clock() {
        return clock;
    }

    /** Package-visible so a test can prove the production path runs the real CLI ({@code LocalPulumiCommand}). */
    LocalWorkspaceOptions options() {
        LocalWorkspaceOptions.Builder b = LocalWorkspaceOptions.builder()
                // pipelines: no update check, no prompt
                .environmentVariables(Map.of("PULUMI_SKIP_UPDATE_CHECK", "true", "PULUMI_NON_INTERACTIVE", "true"));
        return b.pulumiCommand(command).build();
    }

    public enum Open { CREATE, SELECT, CREATE_OR_SELECT }

    public WorkspaceStack open(String stack, Open how) {
        return call("stack " + how.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), stack, () -> switch (how) {
            case CREATE -> LocalWorkspace.createStack(PROJECT, stack, program, options());
            case SELECT -> LocalWorkspace.selectStack(PROJECT, stack, program, options());
            case CREATE_OR_SELECT -> LocalWorkspace.createOrSelectStack(PROJECT, stack, program, options());
        });
    }

    public void configure(WorkspaceStack s, Map<String, ConfigValue> config) {
        call("config set-all", s.name(), () -> {
            s.setAllConfig(config);
            return null;
        });
    }

    public Map<String, OutputValue> up(WorkspaceStack s, String message, ResourceTimeline events) {
        return up(s, message, events, java.util.List.of());
    }

    /** @param targets the URNs to update ({@code --target}); empty: the whole stack */
    public Map<String, OutputValue> up(WorkspaceStack s, String message, ResourceTimeline events, java.util.List<String> targets) {
        UpOptions.Builder b = UpOptions.builder().message(message).onEvent(events);
        if (!targets.isEmpty()) b.targets(targets);
        return call("up", s.name(), () -> s.up(b.build()).outputs());
    }

    /** The stack's outputs as they stand, without updating it. */
    public Map<String, OutputValue> outputs(WorkspaceStack s) {
        return call("stack output", s.name(), s::getOutputs);
    }

    /** @param targets the URNs to preview ({@code --target}); empty: the whole stack */
    public void preview(WorkspaceStack s, ResourceTimeline events, java.util.List<String> targets) {
        PreviewOptions.Builder b = PreviewOptions.builder().onEvent(events);
        if (!targets.isEmpty()) b.targets(targets);
        call("preview", s.name(), () -> s.preview(b.build()));
    }

    public void destroy(WorkspaceStack s, String message, ResourceTimeline events) {
        call("destroy", s.name(), () -> s.destroy(DestroyOptions.builder().message(message).onEvent(events).build()));
    }

    public void remove(WorkspaceStack s) {
        call("stack rm", s.name(), () -> {
            s.workspace().removeStack(s.name());
            return null;
        });
    }

    public boolean listed(WorkspaceStack s) {
        return call("stack ls", s.name(), () -> s.workspace().listStacks().stream().map(StackSummary::name)
                .anyMatch(n -> n.equals(s.name()) || n.endsWith("/" + s.name())));
    }

    /** Resources the stack holds now, from the workspace's listing (null when the backend does not say). */
    public Integer resourceCount(WorkspaceStack s) {
        return call("stack ls", s.name(), () -> s.workspace().listStacks().stream()
                .filter(x -> x.name().equals(s.name()) || x.name().endsWith("/" + s.name()))
                .map(StackSummary::resourceCount).filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }

    public static void close(WorkspaceStack s) {
        try {
            s.close();
        } catch (Exception ignored) {
            // only the workspace's temporary directory is left behind
        }
    }

    @FunctionalInterface
    interface Call<T> {
        T run() throws AutomationException;
    }

    static <T> T call(String what, String stack, Call<T> c) {
        try {
            return c.run();
        } catch (StackNotFoundException e) {
            throw new RebuildFailure("pulumi " + what + ": stack " + stack + " does not exist; create it with 'pulumi stack init "
                    + stack + "', or use recovery.rebuild: ephemeral", e);
        } catch (StackAlreadyExistsException e) {
            throw new RebuildFailure("pulumi " + what + ": stack " + stack + " already exists; a drill stack is never reused "
                    + "except by --resume of its drill. Remove it with 'pulumi destroy --stack " + stack + " --yes && pulumi stack rm "
                    + stack + " --yes'", e);
        } catch (ConcurrentUpdateException e) {
            throw new RebuildFailure("pulumi " + what + ": another update is running on stack " + stack
                    + "; wait for it to finish, or run 'pulumi cancel --stack " + stack + "' if it crashed", e);
        } catch (CommandException e) {
            throw new RebuildFailure("pulumi " + what + " on stack " + stack + " failed: " + errorLine(e.getMessage()), e);
        } catch (AutomationException e) {
            throw new RebuildFailure("pulumi " + what + " on stack " + stack + " could not run (" + errorLine(e.getMessage())
                    + "); install the Pulumi CLI (https://www.pulumi.com/docs/install/) and log in to the state backend", e);
        } catch (RuntimeException e) {
            // the Automation API throws IllegalStateException when it cannot read the CLI's version
            throw new RebuildFailure("pulumi " + what + " on stack " + stack + " could not run (" + e.getMessage()
                    + "); install the Pulumi CLI and log in to the state backend", e);
        }
    }

    /** The CLI's own error line ("error: ...") when there is one, else the last line: what a person would read first. */
    static String errorLine(String text) {
        if (text == null || text.isBlank()) return "(no output)";
        String last = null;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.startsWith("error:")) return l;
            if (!l.isEmpty()) last = l;
        }
        return last == null ? "(no output)" : last;
    }
}
