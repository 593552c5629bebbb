package io.drp.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a manual gate's approval is left: one file per run and step, under the work dir, so {@code drp approve} from
 * another shell (or anything able to create a file) passes the gate, and the approval survives a restart of drp.
 */
public final class Approvals {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private Approvals() {}

    /** The approvals directory of one run. */
    public static Path dir(Path workDir, String runId) {
        return workDir.resolve("drills").resolve(check(runId, "run id")).resolve("approvals");
    }

    /** Records that a person approved {@code step} of {@code runId}; {@code who} is written into the file. */
    public static Path approve(Path workDir, String runId, String step, String who) throws IOException {
        Path d = dir(workDir, runId);
        Files.createDirectories(d);
        Path f = d.resolve(check(step, "step"));
        Files.writeString(f, "approved by " + who + "\n");
        return f;
    }

    static boolean approved(Path approvalsDir, String step) {
        return approvalsDir != null && Files.exists(approvalsDir.resolve(step));
    }

    /** Run ids and step names become file names: nothing that could climb out of the directory. */
    private static String check(String s, String what) {
        if (s == null || !SAFE.matcher(s).matches()) throw new IllegalArgumentException(what + " '" + s + "' is not a run id or step name");
        return s;
    }
}
