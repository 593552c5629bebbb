package io.drp.report;

import java.util.Locale;

/**
 * Durations as people read them in the HTML and Markdown reports: "10 min", "4 h", "9.2 s", "12 min 34 s".
 * An objective of 600 s is written by its owner as 10m, and an auditor compares it with a measurement at a
 * glance only in the same units. Precision falls with size (tenths of a second under a minute, seconds under
 * an hour, minutes under a day), which is what the measurements are worth. The JSON keeps exact seconds.
 */
public final class ReadableDuration {

    private ReadableDuration() {}

    public static String of(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) return String.format(Locale.ROOT, "%.1f s", seconds);
        long ms = Math.round(seconds * 1000);
        if (ms == 0) return "0 s";
        if (ms < 1000) return ms + " ms";
        long tenths = Math.round(ms / 100.0);
        if (tenths < 600) {
            return tenths % 10 == 0 ? (tenths / 10) + " s" : String.format(Locale.ROOT, "%.1f s", tenths / 10.0);
        }
        long secs = Math.round(ms / 1000.0);
        if (secs < 3600) return pair(secs / 60, "min", secs % 60, "s");
        long mins = Math.round(ms / 60_000.0);
        if (mins < 24 * 60) return pair(mins / 60, "h", mins % 60, "min");
        long hours = Math.round(ms / 3_600_000.0);
        return pair(hours / 24, "d", hours % 24, "h");
    }

    private static String pair(long big, String bigUnit, long small, String smallUnit) {
        return small == 0 ? big + " " + bigUnit : big + " " + bigUnit + " " + small + " " + smallUnit;
    }
}
