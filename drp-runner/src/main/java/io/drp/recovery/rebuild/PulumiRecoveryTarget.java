package io.drp.recovery.rebuild;

import com.pulumi.automation.ConfigValue;
import com.pulumi.automation.OutputValue;
import com.pulumi.automation.WorkspaceStack;
import io.drp.storage.StorageAccount;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Rebuilds the recovery environment from code through Pulumi's Automation API, then checks that what the
 * stack declares matches what the run is about to use, and prepares the containers in the account it built.
 * <p>
 * {@code standing}: the recovery stack itself is updated and stays up (a no-op when nothing changed, and a
 * real recovery's only mode). {@code ephemeral}: a drill creates a stack of its own from the recovery
 * stack's configuration, so the rebuild step times building the environment from nothing, and teardown
 * destroys and removes it, verified.
 */
public final class PulumiRecoveryTarget implements RecoveryTarget {

    /** Stack outputs drp reads (see README, "Stack outputs"). */
    public static final String OUT_ACCOUNT = "recoveryStorageAccountName";
    public static final String OUT_ENDPOINT = "recoveryBlobEndpoint";
    public static final String OUT_CONTAINERS = "recoveryDataContainers";

    /** How the stack is used; mirrors {@code recovery.rebuild} in drp.yaml. */
    public enum Mode { STANDING, EPHEMERAL }

    /** @param stackConfig the recovery stack's Pulumi.&lt;stack&gt;.yaml, copied onto the stack before every update */
    public record Stack(String name, Mode mode, Path stackConfig) {}

    private final PulumiWorkspace pulumi;
    private final Stack stack;
    private final StorageAccount recovery;
    private final Function<StorageAccount, RecoveryTarget> containersIn;
    private final Function<String, StorageAccount> accountAt;

    /**
     * @param containersIn what prepares the containers once the stack is up: a drill's, or a real recovery's
     * @param accountAt    opens the account an ephemeral stack built, from its blob endpoint output
     */
    public PulumiRecoveryTarget(PulumiWorkspace pulumi, Stack stack, StorageAccount recovery,
                                Function<StorageAccount, RecoveryTarget> containersIn, Function<String, StorageAccount> accountAt) {
        this.pulumi = pulumi;
        this.stack = stack;
        this.recovery = recovery;
        this.containersIn = containersIn;
        this.accountAt = accountAt;
    }

    @Override
    public String describe() {
        return stack.mode() == Mode.STANDING ? "pulumi stack " + stack.name() + " (" + recovery.endpoint() + ")"
                : "pulumi ephemeral drill stack of " + stack.name();
    }

    /** The stack a run uses: the recovery stack, or the drill's own. */
    public String stackFor(String runId) {
        return stack.mode() == Mode.STANDING ? stack.name() : DrillStacks.stackName(stack.name(), runId);
    }

    /** The configuration a run's stack gets: the recovery stack's, with a drill's own name prefix. */
    Map<String, ConfigValue> configFor(String runId) {
        Map<String, ConfigValue> config = new LinkedHashMap<>(RecoveryStackConfig.read(stack.stackConfig()));
        if (stack.mode() == Mode.EPHEMERAL) {
            config.put("drp:namePrefix", new ConfigValue(DrillStacks.namePrefix(runId)));
            // the stack's name is no longer "recovery", which is how the program tells its role otherwise
            config.putIfAbsent("drp:role", new ConfigValue("recovery"));
        }
        return config;
    }

    @Override
    public RecoveryEnvironment rebuild(String runId, List<String> wanted, boolean resume) {
        return rebuild(runId, wanted, resume, RebuildExtent.STACK);
    }

    /**
     * Level 3 (and custom scenarios): {@code up} on the whole stack. Level 2: {@code up --target} with the URNs of
     * the failed service's resources ({@link ServiceResources}). Level 1: no update at all; the standing recovery
     * stack's outputs say where the data goes, whatever {@code recovery.rebuild} says, since nothing is rebuilt.
     */
    @Override
    public RecoveryEnvironment rebuild(String runId, List<String> wanted, boolean resume, RebuildExtent extent) {
        boolean standing = stack.mode() == Mode.STANDING || extent == RebuildExtent.NOTHING;
        String name = standing ? stack.name() : stackFor(runId);
        PulumiWorkspace.Open how = standing ? PulumiWorkspace.Open.SELECT
                : resume ? PulumiWorkspace.Open.CREATE_OR_SELECT : PulumiWorkspace.Open.CREATE;
        Map<String, ConfigValue> config = standing ? RecoveryStackConfig.read(stack.stackConfig()) : configFor(runId);
        List<String> targets = extent == RebuildExtent.SERVICE ? ServiceResources.urns(name, config, wanted) : List.of();
        if (extent == RebuildExtent.SERVICE && targets.isEmpty()) {
            // an empty target list would update the whole stack: the opposite of what level 2 asks
            throw new RebuildFailure("the recovery program declares nothing for containers " + wanted + " nor an application tier; "
                    + "nothing to rebuild at level 2");
        }
        WorkspaceStack s = pulumi.open(name, how);
        try {
            // level 1 changes nothing on the stack, not even its configuration
            if (extent != RebuildExtent.NOTHING) pulumi.configure(s, config);
            ResourceTimeline events = new ResourceTimeline(pulumi.clock());
            Instant start = pulumi.clock().instant();
            Map<String, OutputValue> outputs;
            try {
                outputs = extent == RebuildExtent.NOTHING ? pulumi.outputs(s) : pulumi.up(s, "drp " + runId, events, targets);
            } catch (RebuildFailure f) {
                throw events.firstFailure().map(r -> failedResource(name, r, f, events)).orElseGet(() -> leftUp(name, f));
            }
            events.firstFailure().ifPresent(r -> {
                throw failedResource(name, r, null, events);
            });
            double upSeconds = Duration.between(start, pulumi.clock().instant()).toMillis() / 1000.0;
            StorageAccount account = account(name, outputs, standing);
            List<String> declared = declared(outputs);
            List<String> missing = wanted.stream().filter(c -> !declared.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new RebuildFailure("stack " + name + " declares no recovery twin for production container(s) " + missing
                        + "; add them to the recovery stack's config and run the drill again");
            }
            // containers this update created are the run's before drp marks them; any other unmarked container is refused
            RecoveryEnvironment env = containersIn.apply(account).rebuildCreated(runId, wanted, resume, created(events.timings(), declared));
            Map<String, String> details = new LinkedHashMap<>(env.details());
            details.put("stack", name);
            details.put("rebuild", standing ? "standing" : "ephemeral");
            if (extent != RebuildExtent.NOTHING) details.put("pulumiUpSeconds", String.format(Locale.ROOT, "%.1f", upSeconds));
            if (!targets.isEmpty()) details.put("targets", String.join(" ", targets));
            details.putAll(timingDetails(events));
            return env.withDetails(details);
        } finally {
            PulumiWorkspace.close(s);
        }
    }

    /** {@code resourceOperations} and {@code resource001}...: the flat form the report's rebuild step carries them in. */
    private static Map<String, String> timingDetails(ResourceTimeline events) {
        Map<String, String> details = new LinkedHashMap<>();
        // the provider's message goes into the step's message, which is redacted; the details are not
        List<ResourceTiming> timings = events.timings().stream().map(t -> !t.failed() ? t
                : new ResourceTiming(t.type(), t.name(), t.op(), t.start(), t.end(), true, "see the step's message")).toList();
        details.put("resourceOperations", String.valueOf(timings.size()));
        for (int i = 0; i < timings.size(); i++) {
            details.put(String.format(Locale.ROOT, "resource%03d", i + 1), timings.get(i).line());
        }
        return details;
    }

    private static RebuildFailure failedResource(String stack, ResourceTiming r, RebuildFailure cause, ResourceTimeline events) {
        Map<String, String> details = new LinkedHashMap<>(timingDetails(events));
        details.put("stack", stack);
        return new RebuildFailure("pulumi up on stack " + stack + ": " + r.type() + " " + r.name() + " failed to " + r.op()
                + ": " + r.message() + " (" + leftUpHint(stack) + ")", cause, details);
    }

    private static RebuildFailure leftUp(String stack, RebuildFailure f) {
        return new RebuildFailure(f.getMessage() + " (" + leftUpHint(stack) + ")", f);
    }

    private static String leftUpHint(String stack) {
        return "stack " + stack + " is left as it is: --resume reuses it; to remove it: " + TeardownIncomplete.finishCommand(stack);
    }

    private StorageAccount account(String name, Map<String, OutputValue> outputs, boolean standing) {
        Object account = value(outputs, OUT_ACCOUNT);
        if (account == null) {
            throw new RebuildFailure("stack " + name + " has no output '" + OUT_ACCOUNT + "'; is it the drp recovery stack?");
        }
        if (account.equals(recovery.accountName())) return recovery;
        if (standing) {
            throw new RebuildFailure("stack " + name + " declares recovery account " + account + " but drp.yaml points at "
                    + recovery.accountName() + "; fix storage.recovery so the drill uses what the stack built");
        }
        Object endpoint = value(outputs, OUT_ENDPOINT);
        if (endpoint == null) throw new RebuildFailure("stack " + name + " has no output '" + OUT_ENDPOINT + "'");
        return accountAt.apply(endpoint.toString());
    }

    /**
     * The declared containers whose BlobContainer resource this update created ({@code create}, not {@code same}),
     * matched by the resource name's suffix ({@code recovery-data-orders} is container {@code orders}), longest first.
     */
    static java.util.Set<String> created(List<ResourceTiming> timings, List<String> declared) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (ResourceTiming t : timings) {
            if (t.failed() || !"create".equals(t.op()) || !t.type().endsWith(":BlobContainer")) continue;
            declared.stream().filter(c -> t.name().equals(c) || t.name().endsWith("-" + c))
                    .max(java.util.Comparator.comparingInt(String::length)).ifPresent(out::add);
        }
        return out;
    }

    private static List<String> declared(Map<String, OutputValue> outputs) {
        return OutputsAsStrings.list(value(outputs, OUT_CONTAINERS));
    }

    private static Object value(Map<String, OutputValue> outputs, String key) {
        OutputValue v = outputs.get(key);
        return v == null ? null : v.value();
    }

    /**
     * Previews the recovery program. Ephemeral: on a stack created for the preview and removed after it (an
     * empty stack: a preview creates no resource); standing: on the recovery stack itself.
     */
    @Override
    public RebuildPreview preview(String runId) {
        return preview(runId, List.of(), RebuildExtent.STACK);
    }

    /** Level 1 rebuilds nothing, so there is nothing to preview; level 2 previews the failed service's URNs only. */
    @Override
    public RebuildPreview preview(String runId, List<String> wanted, RebuildExtent extent) {
        String name = stackFor(runId);
        if (extent == RebuildExtent.NOTHING) return new RebuildPreview(name, List.of());
        boolean ours = stack.mode() == Mode.EPHEMERAL;
        Map<String, ConfigValue> config = configFor(runId);
        WorkspaceStack s = pulumi.open(name, ours ? PulumiWorkspace.Open.CREATE : PulumiWorkspace.Open.SELECT);
        try {
            ResourceTimeline events = new ResourceTimeline(pulumi.clock());
            try {
                pulumi.configure(s, config);
                pulumi.preview(s, events, extent == RebuildExtent.SERVICE ? ServiceResources.urns(name, config, wanted) : List.of());
            } finally {
                if (ours) pulumi.remove(s);
            }
            return new RebuildPreview(name, events.planned());
        } finally {
            PulumiWorkspace.close(s);
        }
    }

    @Override
    public void teardown(RecoveryEnvironment environment) {
        // a level-1 drill used the standing stack even in ephemeral mode: only its containers are drp's to remove
        if (stack.mode() == Mode.STANDING || !"ephemeral".equals(environment.details().get("rebuild"))) {
            containersIn.apply(environment.account()).teardown(environment);
            return;
        }
        String name = environment.details().get("stack");
        new StackTeardown(pulumi).destroyAndRemove(name);
    }
}
