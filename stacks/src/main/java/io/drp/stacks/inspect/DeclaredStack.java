package io.drp.stacks.inspect;

import java.util.List;
import java.util.Map;

/** Everything a stack program declared, evaluated in-process on Pulumi's mock engine. */
public record DeclaredStack(String stack, List<DeclaredResource> resources, Map<String, Object> outputs) {

    public DeclaredStack {
        resources = List.copyOf(resources);
        outputs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(outputs));
    }

    public List<DeclaredResource> ofType(String shortType) {
        return resources.stream().filter(r -> r.isType(shortType)).toList();
    }

    @SuppressWarnings("unchecked")
    public List<String> outputList(String name) {
        Object v = outputs.get(name);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    public String outputText(String name) {
        Object v = outputs.get(name);
        return v == null ? null : String.valueOf(v);
    }
}
