package io.drp.config;

import java.util.Objects;

/**
 * A webhook drp posts to: its URL (a secret, it usually embeds a token) and whether this one webhook may target
 * plain http, loopback, private or metadata addresses ({@code allowInsecure: true}, for a local relay or a test).
 */
public record Webhook(Secret url, boolean allowInsecure) {

    public Webhook {
        Objects.requireNonNull(url, "'url' cannot be null.");
    }

    /** For messages: the variable the URL comes from, never the URL. */
    public String source() {
        return url.source();
    }
}
