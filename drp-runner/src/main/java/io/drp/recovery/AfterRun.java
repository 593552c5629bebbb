package io.drp.recovery;

import io.drp.model.DrillReport;

import java.nio.file.Path;
import java.util.List;

/** Something done with each finished run's report (ledger, notification), saying in one line how it went. */
@FunctionalInterface
public interface AfterRun {

    /**
     * @param failed true when the run's record is incomplete because of it (a ledger that could not be appended):
     *               the command then exits 3 whatever the verdict, so a pipeline notices
     */
    record Note(String text, boolean failed) {}

    Note after(DrillReport report, Path reportDir);

    static boolean anyFailed(List<Note> notes) {
        return notes.stream().anyMatch(Note::failed);
    }
}
