package io.drp.recovery.rebuild;

import io.drp.digest.Sha256;

import java.util.Locale;

/**
 * Names for a drill's own stack. Both derive from the drill id alone, so {@code --resume} of a drill finds
 * the stack its first run created without any state of its own.
 */
public final class DrillStacks {

    private DrillStacks() {}

    /** {@code <recovery stack>-drill-<short id>}: 8 hex digits of the drill id's SHA-256. */
    public static String stackName(String recoveryStack, String drillId) {
        return recoveryStack + "-drill-" + shortId(drillId);
    }

    /**
     * The drill stack's {@code drp:namePrefix}: "dr" and 6 hex digits, inside the stacks' 2-10 character rule,
     * so its storage account ({@code <prefix>datar}, 13 characters) never collides with the standing stack's
     * ({@code drp...}) or with another drill's.
     */
    public static String namePrefix(String drillId) {
        return "dr" + shortId(drillId).substring(0, 6);
    }

    static String shortId(String drillId) {
        return Sha256.of(drillId).substring(0, 8).toLowerCase(Locale.ROOT);
    }
}
