package io.drp.progress;

/**
 * Progress of a long step. Implementations must be thread-safe: copy workers report concurrently.
 * {@code total} is -1 when unknown (a streamed listing).
 */
public interface Progress {

    void update(String step, long objects, long total, long bytes);

    default void done(String step) {}

    Progress NONE = (step, objects, total, bytes) -> {};
}
