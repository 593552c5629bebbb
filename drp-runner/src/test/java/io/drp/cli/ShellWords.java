package io.drp.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits a printed command line as a POSIX shell would, for the quoting drp prints (single quotes, '\'' escapes). */
final class ShellWords {

    private ShellWords() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') quoted = false;
                else w.append(c);
            } else if (c == '\'') {
                quoted = true;
                any = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                any = true;
            } else if (c == ' ') {
                if (any || w.length() > 0) words.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) words.add(w.toString());
        return words;
    }
}
