package io.drp.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * A secret value from the environment. It never prints itself, so a config record can be logged or put
 * in an exception message without leaking an account key.
 *
 * <p>A secret may be deferred: commands that never connect (validate, assess, history) load drp.yaml
 * without the credentials exported, and the environment is only read when a value is first revealed.
 * A deferred secret whose variable is unset then fails with the same file:line:field error (exit 2) that
 * an eager load gives, so whichever path reads it first, the user is told where it was declared.
 */
public final class Secret {

    private final String envVar;
    private final Function<String, String> env;
    private final ConfigException whenUnset;
    private volatile String value;

    public Secret(String envVar, String value) {
        this.envVar = Objects.requireNonNull(envVar, "'envVar' cannot be null.");
        this.value = Objects.requireNonNull(value, "'value' cannot be null.");
        this.env = null;
        this.whenUnset = null;
    }

    private Secret(String envVar, Function<String, String> env, ConfigException whenUnset) {
        this.envVar = envVar;
        this.env = env;
        this.whenUnset = whenUnset;
    }

    /** A secret read from {@code env} at first use; {@code whenUnset} is what that use throws if the variable is unset. */
    static Secret deferred(String envVar, Function<String, String> env, ConfigException whenUnset) {
        return new Secret(Objects.requireNonNull(envVar, "'envVar' cannot be null."), Objects.requireNonNull(env, "'env' cannot be null."),
                Objects.requireNonNull(whenUnset, "'whenUnset' cannot be null."));
    }

    /** Name of the environment variable the value came from, safe to print. */
    public String source() {
        return envVar;
    }

    /** Whether {@link #reveal()} would succeed, without keeping the value. */
    public boolean available() {
        return value != null || present(env.apply(envVar));
    }

    /** @throws ConfigException naming file, line and field when a deferred secret's variable is unset */
    public String reveal() {
        String v = value;
        if (v == null) {
            v = env.apply(envVar);
            if (!present(v)) throw whenUnset;
            value = v;
        }
        return v;
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    @Override
    public String toString() {
        return "${env:" + envVar + "}";
    }
}
