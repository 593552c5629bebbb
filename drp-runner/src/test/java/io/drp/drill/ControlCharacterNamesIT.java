package io.drp.drill;

import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.report.ReportJson;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.TestRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Blob names may hold CR and other control characters. The restore journal is read line by line, and an
 * unescaped CR once split a name's line: the object itself then looked uncommitted under {@code --verify metadata}
 * and its innocent neighbour ({@code a} for {@code a\rb.txt}) got the wrong ETag, both FAILED.
 */
@ExtendWith(Azurite.class)
class ControlCharacterNamesIT {

    @Test
    void namesWithCrLfAndControlCharactersPassAMetadataDrillAndTheirNeighboursAreNotFlagged(AzuriteEmulator azurite, @TempDir Path tmp)
            throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.containers().forEach(c -> f.prodWritable.container(c).createIfNotExists());
        // each neighbour is what the first half of a split line would name. Azurite cannot list a name holding U+0001
        // (its listing XML fails with 500) and turns a backslash into a slash, so those are covered by JournalKeysTest.
        List<String> names = List.of("a", "a\rb.txt", "c", "c\rd.txt", "n", "n\nm.txt", "x", "x\ty.txt", "t", "t\u007F\u0085.txt");
        for (String n : names) f.data().put(f.orders(), n, "object " + n.replace("\r", "CR"));
        f.backup(BackupJob.Mode.FULL);
        f.data().put(f.orders(), "a\rb.txt", "rewritten"); // replayed from the incremental; c\rd.txt comes from the full
        f.backup(BackupJob.Mode.INCREMENTAL);

        // one copy thread: commits land in plan order, so a split line would always overwrite its neighbour's
        DrillReport r = new DrillRunner(f.config, f.session, f.workDir, Clock.systemUTC(), io.drp.progress.Progress.NONE,
                ReportJson::write, DrillRunner.targetsFor(f.config))
                .run(TestRequests.drill(null, null, "region-outage", true, tmp.resolve("r"), 1, false));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason() + " " + r.integrity().mismatchReasons());
        assertEquals(0, r.integrity().mismatches(), r.integrity().mismatchReasons().toString());
        assertEquals(DrillFixture.contents(f.prodWritable, f.containers()), DrillFixture.contents(f.recovery, f.containers()));
        assertEquals(names.size(), DrillFixture.contents(f.recovery, List.of(f.orders())).size());
    }
}
