package io.drp.watch;

import java.util.Objects;

/** One probe's answer in one round. {@code detail} is for people and never holds a URL's query or a secret. */
public record ProbeResult(String name, Kind kind, boolean ok, String detail) {

    /** The plan's two automatic triggers. */
    public enum Kind { INFRASTRUCTURE, FUNCTIONAL }

    public ProbeResult {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(kind, "'kind' cannot be null.");
        detail = detail == null ? "" : detail;
    }
}
