package io.drp.report;

import io.drp.model.Integrity;

/** The loss figure as every report format prints it: the count, or "not measured" and why, never a 0 that was not measured. */
public final class LossText {

    private LossText() {}

    public static String of(Integrity i) {
        return i.lossUnknownBecause() != null ? "not measured (" + i.lossUnknownBecause() + ")"
                : i.objectsLost() + " (" + i.bytesLost() + " bytes)";
    }

    /** "drill" or "restore", for titles and labels. */
    public static boolean isRestore(io.drp.model.DrillReport r) {
        return r.restore() != null || "restore".equals(r.kind());
    }
}
