package io.drp.history;

import io.drp.model.LedgerHistory;
import io.drp.report.HistoryPageRenderer;
import io.drp.report.PdfRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Optional;

/** {@code drp report --history}: reads the ledger and its archive, and writes the history page (or its PDF) into the report directory. */
public final class HistoryReports {

    private HistoryReports() {}

    /** What was written, and what the page says of the ledger, for the command's one line. */
    public record Written(Path file, LedgerHistory history) {}

    public static Written write(Path ledgerDir, Path reportDir, Optional<PublicKey> key, Clock clock) throws IOException {
        return write(ledgerDir, reportDir, key, clock, false);
    }

    /** @param pdf writes {@code history.pdf}, the page printed, instead of {@code history.html} */
    public static Written write(Path ledgerDir, Path reportDir, Optional<PublicKey> key, Clock clock, boolean pdf) throws IOException {
        return write(ledgerDir, reportDir, io.drp.ledger.LedgerKeys.of(key), clock, pdf);
    }

    /** @param keys the public keys the signatures are checked against, by key id */
    public static Written write(Path ledgerDir, Path reportDir, io.drp.ledger.LedgerKeys keys, Clock clock, boolean pdf) throws IOException {
        LedgerHistory h = LedgerHistories.read(ledgerDir, reportDir, keys, clock);
        Files.createDirectories(reportDir);
        String html = HistoryPageRenderer.render(h);
        Path target = reportDir.resolve(pdf ? HistoryPageRenderer.PDF_FILE_NAME : HistoryPageRenderer.FILE_NAME);
        // temp file + rename, readable by all, as for every report: a reader never sees half a page
        io.drp.report.ReportFiles.replace(target,
                pdf ? PdfRenderer.render(html, reportDir.toAbsolutePath().toUri().toString()) : html.getBytes(StandardCharsets.UTF_8));
        return new Written(target, h);
    }
}
