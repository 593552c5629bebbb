package io.drp.progress;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress on the console: objects done out of the total (when the step knows it), bytes, rate and ETA. On a
 * terminal each step gets a redrawn progress bar (progressbar library); in a pipeline log a plain line at most
 * every 5 s, so weekly drill logs stay readable and greppable.
 */
public final class ConsoleProgress implements Progress {

    static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private final Map<String, StepState> steps = new HashMap<>();
    private long lastLine;

    public ConsoleProgress(PrintStream out, boolean interactive) {
        this(out, interactive, System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds: tests step it instead of sleeping */
    public ConsoleProgress(PrintStream out, boolean interactive, LongSupplier nanoClock) {
        this.out = out;
        this.interactive = interactive;
        this.nanoClock = nanoClock;
        this.lastLine = nanoClock.getAsLong();
    }

    /** One step's start and the bar drawing it (interactive only). */
    private static final class StepState {
        final long startedNanos;
        ProgressBar bar;

        StepState(long startedNanos) {
            this.startedNanos = startedNanos;
        }
    }

    @Override
    public synchronized void update(String step, long objects, long total, long bytes) {
        long now = nanoClock.getAsLong();
        StepState s = steps.computeIfAbsent(step, k -> new StepState(now));
        double seconds = (now - s.startedNanos) / 1e9;
        if (interactive) {
            if (s.bar == null) s.bar = bar(step, total);
            s.bar.maxHint(total);
            s.bar.stepTo(objects);
            s.bar.setExtraMessage(Bytes.human(bytes) + (seconds > 0 ? ", " + Bytes.human((long) (bytes / seconds)) + "/s" : ""));
            return;
        }
        if (now - lastLine < LOG_EVERY_NANOS) return;
        lastLine = now;
        out.println(line(step, objects, total, bytes, seconds));
        out.flush();
    }

    @Override
    public synchronized void done(String step) {
        StepState s = steps.remove(step);
        if (s != null && s.bar != null) s.bar.close();
        lastLine = nanoClock.getAsLong();
    }

    private ProgressBar bar(String step, long total) {
        return new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "  %-8s", step))
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII) // survives any terminal encoding; the Unicode blocks do not
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .setUnit(" obj", 1)
                .showSpeed()
                .setUpdateIntervalMillis(200)
                .build();
    }

    /** "  restore  1200/5000 objects, 18.8 MiB, 240 obj/s, 3.8 MiB/s, ETA 16 s"; without a total, no ETA. */
    static String line(String step, long objects, long total, long bytes, double seconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-8s %s objects, %s", step,
                total >= 0 ? objects + "/" + total : Long.toString(objects), Bytes.human(bytes)));
        if (seconds <= 0) return b.toString();
        double rate = objects / seconds;
        b.append(String.format(Locale.ROOT, ", %.0f obj/s, %s/s", rate, Bytes.human((long) (bytes / seconds))));
        if (total >= 0 && rate > 0) {
            b.append(", ETA ").append(eta(Duration.ofSeconds((long) Math.ceil(Math.max(0, total - objects) / rate))));
        }
        return b.toString();
    }

    private static String eta(Duration d) {
        long s = d.getSeconds();
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
