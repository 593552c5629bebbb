package io.drp.cli;

import io.drp.model.Verdict;
import picocli.CommandLine.Help.Ansi;

import java.util.Map;

/**
 * Colour on a terminal only, and never when NO_COLOR is set (https://no-color.org) or TERM is dumb: one decision
 * shared by picocli's help and drp's own verdict lines, so they never disagree.
 */
final class Colour {

    /** The process's decision, made once by {@link Main} for the summary printers, which have no command at hand. */
    private static volatile Ansi current = Ansi.OFF;

    private Colour() {}

    static void use(Ansi ansi) {
        current = ansi;
    }

    static String verdict(Verdict v) {
        return verdict(current, v);
    }

    static Ansi decide(Map<String, String> env, boolean terminal) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return Ansi.OFF;
        if ("dumb".equals(env.get("TERM"))) return Ansi.OFF;
        return terminal ? Ansi.ON : Ansi.OFF;
    }

    /** PASSED green, FAILED red, ABORTED yellow; the plain word when colour is off. */
    static String verdict(Ansi ansi, Verdict v) {
        String style = switch (v) {
            case PASSED -> "bold,green";
            case FAILED -> "bold,red";
            case ABORTED -> "bold,yellow";
        };
        return ansi.string("@|" + style + " " + v + "|@");
    }
}
