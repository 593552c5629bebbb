package io.drp.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RunGuard} that says stop once Ctrl-C or SIGTERM arrives, and holds the JVM's shutdown until the run
 * has wound down (or a grace period passes). Without the wait the JVM would exit mid-request: nothing corrupt,
 * because uncommitted work is never visible, but the run's lease would stay taken until it expires and the
 * run's last words would be lost. Closing the guard (after the run has released what it held) lets the JVM go.
 */
public final class SignalGuard implements RunGuard, AutoCloseable {

    /** Long enough for the copies in flight to end and the lease to be released; short enough for an init system. */
    public static final Duration GRACE = Duration.ofSeconds(20);

    /** The guards whose runs are under way and answer signals: the last things a shutdown must wait for. */
    private static final Set<SignalGuard> ACTIVE = ConcurrentHashMap.newKeySet();

    private final String what;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;
    private volatile Runnable ifGraceRunsOut = () -> { };

    private SignalGuard(String what, boolean onSignal) {
        this.what = what;
        this.hook = onSignal ? new Thread(this::onSignal, "drp-" + what + "-stop") : null;
        if (hook != null) {
            ACTIVE.add(this);
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the signal came before the run began: it starts stopped, and still gets to leave its last words
                requested = true;
            }
        }
    }

    /**
     * Waits until every run that answers signals has wound down, or {@code max} passes. The JVM starts all its
     * shutdown hooks at once; what a run needs to leave its last words (the embedded emulator) calls this first.
     */
    public static void awaitRunsWoundDown(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        for (SignalGuard g : List.copyOf(ACTIVE)) {
            try {
                if (!g.finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A guard that trips on Ctrl-C or SIGTERM. */
    public static SignalGuard onSignal(String what) {
        return new SignalGuard(what, true);
    }

    /** A guard tripped only by {@link #request}, for tests and callers that stop a run themselves. */
    public static SignalGuard manual(String what) {
        return new SignalGuard(what, false);
    }

    /**
     * What to do when the run has not wound down within {@link #GRACE} of the signal (a step that does not check
     * the guard, such as a long {@code pulumi up}): the JVM exits right after, so this is the run's last chance to
     * leave its evidence.
     */
    public void ifGraceRunsOut(Runnable lastWords) {
        this.ifGraceRunsOut = lastWords;
    }

    /** Asks the run to stop, as a signal would. */
    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    @Override
    public String stopReason() {
        return requested ? "the " + what + " was stopped by a signal (Ctrl-C or SIGTERM)" : null;
    }

    private void onSignal() {
        requested = true;
        boolean woundDown;
        try {
            woundDown = finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            woundDown = false;
        }
        if (!woundDown) {
            try {
                ifGraceRunsOut.run();
            } catch (RuntimeException ignored) {
                // best effort: the JVM is going down
            }
        }
    }

    /** The run is over: a pending shutdown may proceed, and a later signal is no longer this run's. */
    @Override
    public void close() {
        finished.countDown();
        ACTIVE.remove(this);
        if (hook == null) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: counting down above is what it waits for
        }
    }
}
