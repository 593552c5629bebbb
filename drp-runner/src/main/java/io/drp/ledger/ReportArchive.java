package io.drp.ledger;

import io.drp.digest.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks archived reports against the ledger: each drill's drill-report.json is archived as
 * {@code <sha256>.json}; a record whose archived report no longer hashes to its name was altered.
 */
public final class ReportArchive {

    /** {@code altered} names the first record whose report was changed; {@code missing} counts reports not archived here. */
    public record Check(long checked, long missing, LedgerRecord altered) {}

    private ReportArchive() {}

    public static Check check(List<LedgerRecord> records, Path archiveDir) {
        long checked = 0, missing = 0;
        for (LedgerRecord r : records) {
            if (r.reportSha256() == null) continue;
            Path f = archiveDir.resolve(r.reportSha256() + ".json");
            if (!Files.isRegularFile(f)) {
                missing++;
                continue;
            }
            try {
                if (!sha256(Files.readAllBytes(f)).equals(r.reportSha256())) {
                    return new Check(checked, missing, r);
                }
            } catch (IOException e) {
                return new Check(checked, missing, r);
            }
            checked++;
        }
        return new Check(checked, missing, null);
    }

    public static String sha256(byte[] b) {
        return Sha256.of(b);
    }
}
