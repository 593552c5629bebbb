package io.drp.progress;

import java.io.PrintStream;

/**
 * Prints progress to the console. On a terminal it redraws one line; in a pipeline log it prints a line
 * at most every {@code logEveryNanos}, so weekly drill logs stay readable.
 */
public final class ConsoleProgress implements Progress {

    private final PrintStream out;
    private final boolean interactive;
    private final long minIntervalNanos;
    private long lastPrint;
    private boolean lineOpen;

    public ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
        this.minIntervalNanos = interactive ? 100_000_000L : 5_000_000_000L;
        this.lastPrint = System.nanoTime();
    }

    @Override
    public synchronized void update(String step, long objects, long total, long bytes) {
        long now = System.nanoTime();
        if (now - lastPrint < minIntervalNanos) return;
        lastPrint = now;
        String text = String.format("  %-8s %s objects, %s", step,
                total >= 0 ? objects + "/" + total : Long.toString(objects), Bytes.human(bytes));
        if (interactive) {
            out.print("\r" + text + "      ");
            lineOpen = true;
        } else {
            out.println(text);
        }
        out.flush();
    }

    @Override
    public synchronized void done(String step) {
        if (lineOpen) {
            out.print("\r" + " ".repeat(70) + "\r");
            out.flush();
            lineOpen = false;
        }
        lastPrint = System.nanoTime();
    }
}
