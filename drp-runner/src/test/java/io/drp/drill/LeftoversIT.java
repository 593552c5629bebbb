package io.drp.drill;

import com.azure.core.util.BinaryData;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.StepRecord;
import io.drp.model.Verdict;
import io.drp.recovery.rebuild.LocalRecoveryTarget;
import io.drp.recovery.rebuild.RecoveryEnvironment;
import io.drp.storage.BatchDeletion;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import io.drp.testing.RecordingHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A drill onto recovery containers that a previous {@code --keep} left full, on a real Azurite. */
@ExtendWith(Azurite.class)
class LeftoversIT {

    private static final int BULK = 600; // more than two batches' worth in one container

    /** A backed-up production and a kept drill of it: the recovery containers hold every object. */
    private static Map<String, Long> keptDrill(DrillFixture f, Path tmp) throws Exception {
        f.data().seed(3);
        for (int i = 0; i < BULK; i++) {
            f.prodWritable.container(f.orders()).getBlobClient("bulk/" + i).upload(BinaryData.fromString("o" + i), true);
        }
        f.backup(BackupJob.Mode.FULL);
        DrillReport kept = f.drill(null, true, tmp.resolve("kept"));
        assertEquals(Verdict.PASSED, kept.verdict(), kept.verdictReason());
        Map<String, Long> left = new HashMap<>();
        for (String c : f.containers()) left.put(c, f.recovery.container(c).listBlobs().stream().count());
        assertEquals(BULK + 9L, left.values().stream().mapToLong(Long::longValue).sum());
        return left;
    }

    @Test
    void clearingLeftoversTakesOneBatchRequestPer256Objects(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Map<String, Long> left = keptDrill(f, tmp);
        RecordingHttpClient wire = new RecordingHttpClient(StorageConnector.defaultHttpClient());
        StorageAccount counted = new StorageConnector(StorageConnector.defaultRetryOptions(), wire)
                .open("recovery", f.session.accounts().recovery());

        RecoveryEnvironment env = new LocalRecoveryTarget(counted).rebuild("another-drill", f.containers(), false);

        long leftovers = left.values().stream().mapToLong(Long::longValue).sum();
        long batches = left.values().stream().mapToLong(n -> (n + BatchDeletion.PER_REQUEST - 1) / BatchDeletion.PER_REQUEST).sum();
        // per container: properties (drp's mark), properties again where the deletion checks the mark, one listing page, set metadata;
        // one page lists up to 5,000 names
        long bound = batches + 4L * f.containers().size();
        System.out.printf("[figures] clearing %d leftovers in %d containers: %d requests (%d batch), bound %d, %.3f s%n", leftovers,
                left.size(), wire.requests().size(), wire.count(r -> r.contains("comp=batch")), bound, env.leftovers().took().toMillis() / 1000.0);
        assertEquals(leftovers, env.leftovers().objects());
        assertEquals(batches, env.leftovers().requests());
        assertEquals(batches, wire.count(r -> r.contains("comp=batch")));
        assertTrue(wire.requests().size() <= bound, wire.requests().size() + " requests: " + wire.requests());
        for (String c : f.containers()) assertEquals(0, f.recovery.container(c).listBlobs().stream().count(), c);
    }

    @Test
    void aDrillAfterKeepReportsTheClearingOnItsOwnAndLeavesItOutOfTheRto(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = new DrillFixture(azurite, tmp);
        Map<String, Long> left = keptDrill(f, tmp);

        DrillReport r = f.drill(null, false, tmp.resolve("again"));

        assertEquals(Verdict.PASSED, r.verdict(), r.verdictReason());
        StepRecord rebuild = r.steps().stream().filter(s -> s.name().equals("rebuild")).findFirst().orElseThrow();
        long leftovers = left.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(leftovers, ((Number) rebuild.details().get("leftoversCleared")).longValue());
        double clearing = ((Number) rebuild.details().get("leftoverClearSeconds")).doubleValue();
        assertTrue(clearing > 0, rebuild.details().toString());
        double untilVerified = Duration.between(r.measured().disasterAt(), r.measured().verifiedAt()).toMillis() / 1000.0;
        System.out.printf("[figures] drill after --keep: %d leftovers cleared in %.3f s; RTO %.3f s, T0 to verified %.3f s%n",
                leftovers, clearing, r.measured().rtoSeconds(), untilVerified);
        assertEquals(untilVerified - clearing, r.measured().rtoSeconds(), 0.01);
        assertTrue(r.findings().stream().anyMatch(x -> x.code().equals("LEFTOVERS_CLEARED")), r.findings().toString());
        assertEquals(leftovers, r.integrity().objectsRestored(), "the verification found no extra object: the leftovers were gone");
    }
}
