package io.drp.stacks.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * Service tiers: each sets the RTO/RPO the infrastructure is built for (and tagged with), and the sizing
 * of the recovery side. Values follow the DR plan's incident levels and the SLA's 4 h restore time.
 */
public enum Tier {
    CRITICAL("1h", "15m", 15, "Standard_ZRS", "P1v3"),
    STANDARD("4h", "1h", 60, "Standard_LRS", "S1"),
    BASIC("24h", "24h", 1440, "Standard_LRS", "B1");

    public final String rto;
    public final String rpo;
    public final int rpoMinutes;
    public final String recoverySku;
    /** The App Service plan size of the application tier. */
    public final String appSku;

    Tier(String rto, String rpo, int rpoMinutes, String recoverySku, String appSku) {
        this.rto = rto;
        this.rpo = rpo;
        this.rpoMinutes = rpoMinutes;
        this.recoverySku = recoverySku;
        this.appSku = appSku;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Tier parse(String s) {
        return Arrays.stream(values()).filter(t -> t.label().equals(s.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new StackConfigException("tier", "'" + s + "' is not a tier; use critical, standard or basic"));
    }
}
