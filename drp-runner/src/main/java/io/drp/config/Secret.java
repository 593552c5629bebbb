package io.drp.config;

import java.util.Objects;

/**
 * A secret value resolved from the environment. It never prints itself, so a config record can be logged
 * or put in an exception message without leaking an account key.
 */
public final class Secret {

    private final String envVar;
    private final String value;

    public Secret(String envVar, String value) {
        this.envVar = Objects.requireNonNull(envVar, "'envVar' cannot be null.");
        this.value = Objects.requireNonNull(value, "'value' cannot be null.");
    }

    /** Name of the environment variable the value came from, safe to print. */
    public String source() {
        return envVar;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "${env:" + envVar + "}";
    }
}
