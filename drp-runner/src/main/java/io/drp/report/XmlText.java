package io.drp.report;

/**
 * Makes a rendered XML or XHTML document carry only characters XML 1.0 allows. Object names come from storage and
 * may hold control characters (a blob may be named with U+0001); Mustache and the XML writer escape markup but
 * pass such characters through, and openhtmltopdf's parser then fails on them, which made a PDF report exit 3.
 * Each one is replaced with its visible escape (backslash, u, four hex digits), so the reader still sees which character it was;
 * the templates themselves hold none, so the whole document can be cleaned at once, after rendering.
 */
public final class XmlText {

    private XmlText() {}

    public static String clean(String document) {
        int first = firstIllegal(document);
        if (first < 0) return document;
        StringBuilder b = new StringBuilder(document.length() + 16).append(document, 0, first);
        for (int i = first; i < document.length(); ) {
            int cp = document.codePointAt(i);
            int n = Character.charCount(cp);
            if (allowed(cp) && !(n == 1 && Character.isSurrogate((char) cp))) b.appendCodePoint(cp);
            else b.append(String.format("\\u%04X", cp));
            i += n;
        }
        return b.toString();
    }

    private static int firstIllegal(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (!allowed(cp) || (n == 1 && Character.isSurrogate((char) cp))) return i;
            i += n;
        }
        return -1;
    }

    /** XML 1.0's Char production. */
    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
