package io.drp.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One action of a plan group. Which fields matter depends on {@link Kind}: {@code argv} or {@code shell} for
 * RUN, the URL and expectation for HTTP, {@code timeout} alone for WAIT (the pause), {@code prompt} for MANUAL.
 * {@code env} holds literal values; {@code secretEnv} the {@code ${env:…}} references the plan names, the only way a
 * secret reaches an action (and the values every action log is redacted of). {@code line}: where it is declared.
 */
public record PlanAction(String name, Kind kind, When when, int line, Duration timeout, int retries,
                         List<String> argv, String shell, Path workingDir, Map<String, String> env, Map<String, Secret> secretEnv,
                         String url, int status, String bodyContains, String jsonPointer, String expected, Duration every,
                         String prompt, boolean drillAuto) {

    public enum Kind { RUN, HTTP, WAIT, MANUAL }

    /** Which runs an action belongs to: ASR tells its runbooks whether the failover is a test; drp skips instead. */
    public enum When {
        DRILL, RESTORE, ALWAYS;

        public boolean appliesTo(boolean drill) {
            return this == ALWAYS || (this == DRILL) == drill;
        }
    }

    public PlanAction {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(kind, "'kind' cannot be null.");
        Objects.requireNonNull(when, "'when' cannot be null.");
        Objects.requireNonNull(timeout, "'timeout' cannot be null.");
        argv = argv == null ? List.of() : List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
        secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
        if (retries < 0) throw new IllegalArgumentException("retries cannot be negative");
    }

    public String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
