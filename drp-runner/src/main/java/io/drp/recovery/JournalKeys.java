package io.drp.recovery;

/**
 * The reversible escape of the journal's keys. A blob name may hold any character but a few, CR and the other
 * control characters included, while the journal is read line by line and a reader ends a line at CR as well as
 * at LF: an unescaped CR split a name's line in two, so its copy looked unjournalled (a false FAILED under
 * {@code --verify metadata}) and the first half named an innocent neighbour with the wrong ETag. Backslash,
 * ISO control characters and unpaired surrogates (which UTF-8 cannot carry) are written as {@code \\} and
 * {@code \\uXXXX}, so every legal name round-trips and a line holds no line break.
 */
final class JournalKeys {

    private JournalKeys() {}

    static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (escaped(s, i)) return true;
        }
        return false;
    }

    static String escape(String s) {
        if (!needsEscape(s)) return s;
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') b.append("\\\\");
            else if (escaped(s, i)) b.append(String.format("\\u%04X", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /** The inverse of {@link #escape}; a backslash that starts no escape is kept as it is. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                b.append('\\');
                i++;
            } else if (c == '\\' && i + 5 < s.length() && s.charAt(i + 1) == 'u' && hex(s, i + 2)) {
                b.append((char) Integer.parseInt(s, i + 2, i + 6, 16));
                i += 5;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean escaped(String s, int i) {
        char c = s.charAt(i);
        if (c == '\\' || Character.isISOControl(c)) return true;
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }

    private static boolean hex(String s, int from) {
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) return false;
        }
        return true;
    }
}
