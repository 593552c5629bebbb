package io.drp.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code drp demo} ends with: the commands to run next against the data it made, each complete with the demo's
 * config, work dir, ledger and report dir, because the defaults (drp.yaml, .drp, drill-reports) are not where the
 * demo put them. Pasted as printed, each runs as it is.
 */
final class DemoNext {

    private DemoNext() {}

    static List<String> commands(Path workDir, Path reportDir, Path ledger, Path reportFile) {
        String c = " -c " + q(workDir.resolve("drp.yaml")) + " --work-dir " + q(workDir);
        return List.of(
                "drp status" + c + " --ledger " + q(ledger),
                "drp backup --list" + c,
                "drp restore" + c + " --dry-run --report-dir " + q(reportDir),
                "drp drill" + c + " --dry-run --report-dir " + q(reportDir),
                "drp history --ledger " + q(ledger),
                "drp verify-ledger --ledger " + q(ledger) + " --reports " + q(reportDir),
                "drp report --from " + q(reportFile) + " --format html");
    }

    static void print(java.io.PrintWriter out, Path workDir, Path reportDir, Path ledger, Path reportFile) {
        out.println();
        out.println("next: run these against the demo's data (the emulator starts again from " + workDir + "):");
        commands(workDir, reportDir, ledger, reportFile).forEach(line -> out.println("  " + line));
    }

    private static String q(Path p) {
        return DrillSummary.shellQuote(p.toString());
    }
}
