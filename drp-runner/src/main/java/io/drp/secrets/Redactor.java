package io.drp.secrets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Last line of defence for secrets: every message that reaches a report or the console goes through here.
 * Known secret values are replaced verbatim, and anything shaped like a key or SAS signature is masked
 * even if we did not know it was secret.
 */
public final class Redactor {

    private static final Pattern ACCOUNT_KEY = Pattern.compile("(?i)(AccountKey=)[^;\\s\"]+");
    private static final Pattern SAS_SIG = Pattern.compile("(?i)([?&]sig=)[^&\\s\"]+");
    private static final Pattern SHARED_ACCESS = Pattern.compile("(?i)(SharedAccessSignature=)[^;\\s\"]+");

    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        List<String> s = new ArrayList<>();
        for (String x : secrets) {
            if (x != null && x.length() >= 8) s.add(x);
        }
        // longest first, so a connection string is masked whole before its key is
        s.sort((a, b) -> Integer.compare(b.length(), a.length()));
        this.secrets = List.copyOf(s);
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    public String redact(String text) {
        if (text == null) return null;
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "***");
        }
        out = ACCOUNT_KEY.matcher(out).replaceAll("$1***");
        out = SAS_SIG.matcher(out).replaceAll("$1***");
        return SHARED_ACCESS.matcher(out).replaceAll("$1***");
    }
}
