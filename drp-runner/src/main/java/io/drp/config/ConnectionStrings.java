package io.drp.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Just enough connection-string parsing to describe an account without printing its key. */
public final class ConnectionStrings {

    private ConnectionStrings() {}

    public static Map<String, String> parse(String cs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : cs.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    public static String endpointOf(String cs) {
        Map<String, String> p = parse(cs);
        if (p.containsKey("blobendpoint")) {
            return p.get("blobendpoint");
        }
        String account = p.getOrDefault("accountname", "?");
        String protocol = p.getOrDefault("defaultendpointsprotocol", "https");
        String suffix = p.getOrDefault("endpointsuffix", "core.windows.net");
        return protocol + "://" + account + ".blob." + suffix;
    }
}
