package io.drp.pipeline;

/**
 * A condition that must hold for a run to keep writing, such as still holding the target's lock. Checked
 * before each step and before each object is copied: a run that lost its lock must stop, not race another.
 */
@FunctionalInterface
public interface RunGuard {

    /** Null while the run may go on; otherwise why it must stop. */
    String stopReason();

    RunGuard NONE = () -> null;

    /** Thrown where a guard said stop. */
    final class Stopped extends io.drp.failure.AbortFailure {
        public Stopped(String reason) {
            super(reason);
        }
    }

    default void check() {
        String why = stopReason();
        if (why != null) throw new Stopped(why);
    }
}
