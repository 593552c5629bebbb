package io.drp.backup;

import java.time.Duration;
import java.util.List;

/** What one backup run produced. */
public record BackupResult(BackupPoint point, Duration elapsed, List<String> prunedChains, List<String> notes) {

    public BackupResult {
        prunedChains = List.copyOf(prunedChains);
        notes = List.copyOf(notes);
    }
}
