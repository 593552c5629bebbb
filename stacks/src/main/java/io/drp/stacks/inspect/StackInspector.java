package io.drp.stacks.inspect;

import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import io.drp.stacks.DrpStacks;
import io.drp.stacks.config.StackConfigException;
import io.drp.stacks.config.StackSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Evaluates a stack program in-process on Pulumi's mock engine: no CLI, no cloud. Backs {@code drp plan},
 * {@code drp assess} and the check that the drill's recovery containers match the recovery stack.
 */
public final class StackInspector {

    private StackInspector() {}

    /**
     * @param config the stack's {@code drp:} keys without the namespace
     * @param productionOutputs what the recovery stack's StackReference sees (ignored for production)
     * @throws StackConfigException on bad config, naming the key
     */
    public static synchronized DeclaredStack inspect(String stackName, Map<String, String> config, Map<String, Object> productionOutputs) {
        StackSettings settings = StackSettings.from(stackName, key -> Optional.ofNullable(config.get(key)));
        RecordingMocks mocks = new RecordingMocks(productionOutputs);
        try {
            TestResult result = PulumiTest.withMocks(mocks)
                    .withOptions(TestOptions.builder().projectName("drp").stackName(stackName).build())
                    .runTest(ctx -> DrpStacks.define(ctx, settings));
            if (!result.exceptions().isEmpty()) {
                Exception e = result.exceptions().get(0);
                throw new IllegalStateException("the " + stackName + " stack program failed: " + e.getMessage(), e);
            }
            Map<String, Object> outputs = new TreeMap<>();
            for (Map.Entry<String, Output<?>> e : result.outputs().entrySet()) {
                outputs.put(e.getKey(), PulumiTest.extractValue(e.getValue()));
            }
            return new DeclaredStack(stackName, withUrns(mocks.resources(), result), outputs);
        } finally {
            // Pulumi's test deployment is a static singleton: leaving it set would leak into the next evaluation.
            PulumiTest.cleanup();
        }
    }

    /**
     * The URNs the mock engine built (stack, project, parents' types, type, name). The mock puts the root stack's
     * type in front of the parents' types; the real engine leaves it out (a top-level resource is
     * {@code urn:pulumi:<stack>::<project>::<type>::<name>}), and {@code --target} needs the real form.
     */
    private static List<DeclaredResource> withUrns(List<DeclaredResource> declared, TestResult result) {
        Map<String, String> urns = new java.util.HashMap<>();
        for (com.pulumi.resources.Resource r : result.resources()) {
            String urn = PulumiTest.extractValue(r.urn());
            urns.put(r.pulumiResourceType() + "::" + r.pulumiResourceName(), urn == null ? null : urn.replace("::pulumi:pulumi:Stack$", "::"));
        }
        return declared.stream().map(d -> d.withUrn(urns.get(d.type() + "::" + d.name()))).toList();
    }

    /** Production first, then recovery with production's outputs behind its StackReference. */
    public static Map<String, DeclaredStack> inspectBoth(Map<String, String> productionConfig, Map<String, String> recoveryConfig) {
        DeclaredStack production = inspect("production", productionConfig, Map.of());
        DeclaredStack recovery = inspect("recovery", recoveryConfig, production.outputs());
        Map<String, DeclaredStack> both = new LinkedHashMap<>();
        both.put("production", production);
        both.put("recovery", recovery);
        return both;
    }

    /** The recovery containers the recovery stack declares: the drill's local target creates exactly these. */
    public static List<String> recoveryContainers(DeclaredStack recovery) {
        return recovery.outputList("recoveryDataContainers");
    }
}
