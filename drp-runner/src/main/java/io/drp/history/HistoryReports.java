package io.drp.history;

import io.drp.model.LedgerHistory;
import io.drp.report.HistoryPageRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;

/** {@code drp report --history}: reads the ledger and its archive, and writes the history page into the report directory. */
public final class HistoryReports {

    private HistoryReports() {}

    /** What was written, and what the page says of the ledger, for the command's one line. */
    public record Written(Path file, LedgerHistory history) {}

    public static Written write(Path ledgerDir, Path reportDir, Optional<PublicKey> key, Clock clock) throws IOException {
        LedgerHistory h = LedgerHistories.read(ledgerDir, reportDir, key, clock);
        Files.createDirectories(reportDir);
        Path target = reportDir.resolve(HistoryPageRenderer.FILE_NAME);
        // temp file + rename, as for every report: a reader never sees half a page
        Path tmp = Files.createTempFile(reportDir, ".history", ".tmp");
        Files.writeString(tmp, HistoryPageRenderer.render(h), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Written(target, h);
    }
}
