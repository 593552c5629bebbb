package io.drp.pipeline;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Worker pools whose threads never keep the JVM alive: a run that ends, or is stopped by a signal, exits. */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** A fixed pool of {@code threads} daemon threads, all named {@code name} (as thread dumps show them). */
    public static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
