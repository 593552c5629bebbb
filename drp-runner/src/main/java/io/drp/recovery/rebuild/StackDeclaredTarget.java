package io.drp.recovery.rebuild;

import io.drp.recovery.rebuild.RecoveryEnvironment;
import io.drp.recovery.rebuild.RecoveryTarget;
import io.drp.stack.Stacks;
import io.drp.stacks.inspect.DeclaredStack;
import io.drp.stacks.inspect.StackInspector;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local target, driven by the recovery stack: the containers it creates are exactly those the recovery
 * stack program declares (evaluated on Pulumi's mock engine), and a backed-up production container without
 * a declared twin aborts the drill. The drill and the stacks therefore cannot drift apart.
 */
public final class StackDeclaredTarget implements RecoveryTarget {

    private final RecoveryTarget local;
    private final Path stackConfig;

    public StackDeclaredTarget(RecoveryTarget local, Path stackConfig) {
        this.local = local;
        this.stackConfig = stackConfig;
    }

    @Override
    public String describe() {
        return local.describe() + ", containers declared by " + stackConfig.getFileName();
    }

    @Override
    public RecoveryEnvironment rebuild(String drillId, List<String> wanted, boolean resume) {
        return rebuild(drillId, wanted, resume, RebuildExtent.STACK);
    }

    /** Level 2 creates only the failed service's twins; otherwise every twin the stack declares, as the stack would. */
    @Override
    public RecoveryEnvironment rebuild(String drillId, List<String> wanted, boolean resume, RebuildExtent extent) {
        Path production = stackConfig.resolveSibling("Pulumi.production.yaml");
        DeclaredStack recovery;
        try {
            recovery = Stacks.recovery(stackConfig, production);
        } catch (RuntimeException e) {
            throw new RebuildFailure("cannot evaluate the recovery stack " + stackConfig + ": " + e.getMessage(), e);
        }
        List<String> declared = StackInspector.recoveryContainers(recovery);
        List<String> missing = wanted.stream().filter(c -> !declared.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new RebuildFailure("the recovery stack (" + stackConfig + ") declares no twin for backed-up container(s) " + missing
                    + "; add them to drp:dataContainers there");
        }
        RecoveryEnvironment env = local.rebuild(drillId, extent == RebuildExtent.SERVICE ? wanted : declared, resume);
        Map<String, String> details = new LinkedHashMap<>(env.details());
        details.put("stackConfig", stackConfig.toString());
        details.put("declaredContainers", String.join(",", declared));
        return env.withDetails(details);
    }

    @Override
    public void teardown(RecoveryEnvironment environment) {
        local.teardown(environment);
    }
}
