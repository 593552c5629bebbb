package io.drp.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One resource operation of a Pulumi rebuild (create, update, replace, delete), as the rebuild step's flat
 * {@code details} carry it: {@code resourceOperations} is the count and {@code resource001}... one line each,
 * {@code <op> <type> <name> <start> <end> <seconds>s[ FAILED: <provider's message>]}. The details stay flat so every
 * renderer and every reader of the JSON can show them; this is where they are read back into fields.
 */
public record ResourceOperation(String op, String type, String name, Instant startedAt, Instant finishedAt, double durationSeconds,
                                boolean failed, String message) {

    /**
     * The name may hold spaces, and so may the provider's message; the two instants and the seconds never do, so
     * the first "instant instant seconds" after the type ends the name.
     */
    private static final String INSTANT = "(\\d{4}-\\d\\d-\\d\\dT\\S+Z|null)";
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+) (\\S+) (.+?) " + INSTANT + " " + INSTANT + " (\\d+(?:\\.\\d+)?)s(?: FAILED: (.*))?$", Pattern.DOTALL);

    /** The last segment of a Pulumi type token ({@code azure-native:storage:StorageAccount}), for labels. */
    public String shortType() {
        int i = type.lastIndexOf(':');
        return i < 0 ? type : type.substring(i + 1);
    }

    /** The operations a step's details record, in the order they are numbered; none for a step that has none. */
    public static List<ResourceOperation> of(StepRecord step) {
        List<ResourceOperation> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            Object line = step.details().get(String.format("resource%03d", i));
            if (line == null) return out;
            Matcher m = LINE.matcher(line.toString());
            // a line this drp cannot read (written by another version) is left out rather than guessed at
            if (!m.matches()) continue;
            out.add(new ResourceOperation(m.group(1), m.group(2), m.group(3), instant(m.group(4)), instant(m.group(5)),
                    Double.parseDouble(m.group(6)), m.group(7) != null, m.group(7)));
        }
    }

    private static Instant instant(String s) {
        try {
            return "null".equals(s) ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
