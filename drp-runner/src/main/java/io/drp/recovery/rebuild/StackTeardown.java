package io.drp.recovery.rebuild;

import com.pulumi.automation.OperationType;
import com.pulumi.automation.WorkspaceStack;

/**
 * Destroys a drill's stack and removes it, and proves both: the destroy's summary must count every
 * resource the stack held as deleted, nothing may remain, and the workspace must no longer list the stack.
 * Any doubt is a {@link TeardownIncomplete} naming the stack.
 */
final class StackTeardown {

    private final PulumiWorkspace pulumi;

    StackTeardown(PulumiWorkspace pulumi) {
        this.pulumi = pulumi;
    }

    void destroyAndRemove(String name) {
        WorkspaceStack s;
        try {
            s = pulumi.open(name, PulumiWorkspace.Open.SELECT);
        } catch (RebuildFailure f) {
            throw new TeardownIncomplete(name, "cannot select drill stack " + name + " to destroy it: " + f.getMessage(), f);
        }
        try {
            Integer before = pulumi.resourceCount(s);
            ResourceTimeline events = new ResourceTimeline(pulumi.clock());
            try {
                pulumi.destroy(s, "drp teardown", events);
            } catch (RebuildFailure f) {
                String which = events.firstFailure().map(r -> r.type() + " " + r.name() + ": " + r.message()).orElse(f.getMessage());
                throw new TeardownIncomplete(name, "destroy of drill stack " + name + " failed: " + which, f);
            }
            int deleted = events.summaryCount(OperationType.DELETE);
            Integer after = pulumi.resourceCount(s);
            if (deleted < 0 || (before != null && deleted < before) || (after != null && after > 0)) {
                throw new TeardownIncomplete(name, "destroy of drill stack " + name + " deleted " + (deleted < 0 ? "an unknown number" : deleted)
                        + " of " + (before == null ? "its" : before) + " resources" + (after != null && after > 0 ? "; " + after + " remain" : ""), null);
            }
            pulumi.remove(s);
            if (pulumi.listed(s)) {
                throw new TeardownIncomplete(name, "drill stack " + name + " is still listed after 'pulumi stack rm'", null);
            }
        } catch (RebuildFailure f) {
            throw new TeardownIncomplete(name, f.getMessage(), f);
        } finally {
            PulumiWorkspace.close(s);
        }
    }
}
