package io.drp.history;

import io.drp.ledger.DrillLedger;
import io.drp.ledger.LedgerKeys;
import io.drp.ledger.LedgerRead;
import io.drp.ledger.LedgerRecord;
import io.drp.ledger.LedgerVerification;
import io.drp.ledger.ReportArchive;
import io.drp.model.DrillReport;
import io.drp.model.HistoryRun;
import io.drp.model.LedgerHistory;
import io.drp.report.ReportJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the ledger and the report archive beside it into a {@link LedgerHistory}. The ledger records hold what
 * was measured but not what it was judged against, so each run's objectives are read from its archived report,
 * and only once the report still hashes to the SHA-256 its record holds: an edited report must not lend a run
 * objectives it was never judged against.
 */
public final class LedgerHistories {

    private LedgerHistories() {}

    public static LedgerHistory read(Path ledgerDir, Path reportDir, Optional<PublicKey> key, Clock clock) {
        return read(ledgerDir, reportDir, LedgerKeys.of(key), clock);
    }

    /**
     * Only the verified records become runs: after a break, nothing on the page may rest on a line that a forger
     * could have written, so the page shows the runs before it and says where it breaks.
     *
     * @param keys the signatures are checked against these, by key id; none: signatures are seen but not checked
     */
    public static LedgerHistory read(Path ledgerDir, Path reportDir, LedgerKeys keys, Clock clock) {
        DrillLedger ledger = new DrillLedger(ledgerDir, Optional.empty());
        LedgerRead read = ledger.read(keys);
        LedgerVerification v = read.verification();
        List<HistoryRun> runs = new ArrayList<>();
        Path archive = reportDir.resolve("archive");
        for (LedgerRecord r : read.records()) runs.add(run(r, archive));
        return new LedgerHistory(ledger.file().toString(), clock.instant(),
                new LedgerHistory.Verification(v.intact(), v.records(), v.signaturesChecked(), v.problem(), v.signing()), runs);
    }

    private static HistoryRun run(LedgerRecord r, Path archive) {
        HistoryRun.Archive state = HistoryRun.Archive.MISSING;
        Double rtoObjective = null, rpoObjective = null;
        Path file = r.reportSha256() == null ? null : archive.resolve(r.reportSha256() + ".json");
        if (file != null && Files.isRegularFile(file)) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (!ReportArchive.sha256(bytes).equals(r.reportSha256())) {
                    state = HistoryRun.Archive.ALTERED;
                } else {
                    state = HistoryRun.Archive.ARCHIVED;
                    DrillReport report = ReportJson.mapper().readValue(bytes, DrillReport.class);
                    if (report.objectives() != null) {
                        rtoObjective = report.objectives().rtoSeconds();
                        rpoObjective = report.objectives().rpoSeconds();
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // the bytes hash right but do not parse (a report of a future schema): the run is shown without objectives
            }
        }
        return new HistoryRun(r.seq(), r.kind(), r.drillId(), r.verdict(), r.scenario(), r.finishedAt(), r.rtoSeconds(),
                r.rpoSeconds(), rtoObjective, rpoObjective, r.reportSha256(), state);
    }
}
