package io.drp.plan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a plan's actions are told about the run: the environment of {@code run} actions and the variables of
 * {@code http} URLs are the same map, so a script and a check see the same names. {@code containers} maps each
 * production container to the container it was restored into (after renames). {@code stopReason} says why the
 * run must stop (a signal, a lost lock) or null.
 */
public record PlanContext(String runId, boolean drill, String scenario, Integer level, String recoveryEndpoint,
                          Map<String, String> containers, Path logDir, Path approvalsDir, Supplier<String> stopReason) {

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    public PlanContext {
        Objects.requireNonNull(runId, "'runId' cannot be null.");
        containers = containers == null ? Map.of() : Map.copyOf(containers);
        stopReason = stopReason == null ? () -> null : stopReason;
    }

    /** DRP_RUN_ID, DRP_RUN_KIND (drill|restore), DRP_SCENARIO, DRP_LEVEL, DRP_RECOVERY_BLOB_ENDPOINT, DRP_CONTAINER_<NAME>. */
    public Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("DRP_RUN_ID", runId);
        v.put("DRP_RUN_KIND", drill ? "drill" : "restore");
        v.put("DRP_SCENARIO", scenario == null ? "" : scenario);
        v.put("DRP_LEVEL", level == null ? "" : String.valueOf(level));
        v.put("DRP_RECOVERY_BLOB_ENDPOINT", recoveryEndpoint == null ? "" : recoveryEndpoint);
        containers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> v.put("DRP_CONTAINER_" + e.getKey().toUpperCase(Locale.ROOT).replace('-', '_'), e.getValue()));
        return v;
    }

    /** {@code ${DRP_…}} replaced by its value; an unknown name is an error, never left in a URL silently. */
    public String expand(String template) {
        Map<String, String> vars = variables();
        Matcher m = VAR.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) throw new IllegalArgumentException("${" + m.group(1) + "} is not a plan variable; known: " + String.join(", ", vars.keySet()));
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        return m.appendTail(sb).toString();
    }
}
