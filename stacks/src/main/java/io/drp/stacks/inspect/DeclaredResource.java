package io.drp.stacks.inspect;

import java.util.Map;

/**
 * A resource as the program declared it: Pulumi type token, logical name, inputs, and the URN the engine gives it
 * (with its parents' types, as {@code pulumi up --target} wants it); null when not known.
 */
public record DeclaredResource(String type, String name, Map<String, Object> inputs, String urn) {

    public DeclaredResource {
        inputs = inputs == null ? Map.of() : inputs;
    }

    public DeclaredResource(String type, String name, Map<String, Object> inputs) {
        this(type, name, inputs, null);
    }

    public DeclaredResource withUrn(String urn) {
        return new DeclaredResource(type, name, inputs, urn);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> tags() {
        Object t = inputs.get("tags");
        return t instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    /** A nested input by dotted path, e.g. {@code sku.name}; null when absent. */
    public Object get(String path) {
        Object cur = inputs;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) return null;
            cur = m.get(part);
        }
        return cur;
    }

    public String text(String path) {
        Object v = get(path);
        return v == null ? null : String.valueOf(v);
    }

    public boolean isType(String shortType) {
        return type.endsWith(":" + shortType);
    }
}
