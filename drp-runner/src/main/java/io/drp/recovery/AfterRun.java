package io.drp.recovery;

import io.drp.model.DrillReport;

import java.nio.file.Path;

/** Something done with each finished run's report (ledger, notification); returns one line for the console. */
@FunctionalInterface
public interface AfterRun {
    String after(DrillReport report, Path reportDir);
}
