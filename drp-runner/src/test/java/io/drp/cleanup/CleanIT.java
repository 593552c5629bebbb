package io.drp.cleanup;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.drp.backup.BackupJob;
import io.drp.cli.Main;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code drp clean} on the embedded emulator: it lists what drp created in the recovery account (a kept drill's
 * containers, a restore sandbox), deletes nothing without --yes, deletes the drill's with --yes, the restore's only with
 * --restores, and never a container drp did not create. Storage is read back with the plain SDK.
 */
class CleanIT {

    @Test
    void cleanRemovesOnlyWhatDrpCreatedAndRestoreSandboxesOnlyWhenAsked(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work");
        DrillFixture f;
        String prefix;
        try (AzuriteEmulator emulator = AzuriteEmulator.start(work.resolve("emulator"))) {
            f = new DrillFixture(emulator, tmp);
            prefix = f.prefix;
            f.data().seed(3);
            f.backup(BackupJob.Mode.FULL);
            f.drill(null, true, tmp.resolve("kept")); // --keep: its three containers stay, marked as drp's
            f.recovery.container(prefix + "-sandbox").createWithResponse(Map.of("drprestore", "r20261204-1000-beef"), null, null, null);
            BlobContainerClient theirs = f.recovery.container(prefix + "-theirs");
            theirs.create();
            theirs.getBlobClient("app.json").upload(BinaryData.fromString("{}"), true);
            f.recovery.container(prefix + "-elsewhere").createWithResponse(Map.of("drpowner", "drp:otheraccount:d1"), null, null, null);
        }
        Path cfg = Files.writeString(tmp.resolve("drp.yaml"), """
                version: 1
                backup: { container: %1$s-backups, signing: { publicKeys: ["%2$s"] } }
                services:
                  all:
                    containers: [%1$s-orders, %1$s-invoices, %1$s-media]
                    objectives:
                      region-outage: { rto: 10m, rpo: 1h }
                """.formatted(prefix, f.publicKey.toAbsolutePath()));
        Set<String> drills = Set.of(prefix + "-orders", prefix + "-invoices", prefix + "-media");

        String[] listOnly = {"clean", "-c", cfg.toString(), "--work-dir", work.toString()};
        String listed = run(0, listOnly);
        assertTrue(drills.stream().allMatch(listed::contains) && listed.contains(prefix + "-sandbox")
                && listed.contains("r20261204-1000-beef") && listed.contains("nothing deleted"), listed);
        assertTrue(!listed.contains(prefix + "-theirs") && !listed.contains(prefix + "-elsewhere"), listed);
        assertEquals(all(prefix, drills), ours(work, prefix), "without --yes nothing is deleted");

        String deleted = run(0, "clean", "-c", cfg.toString(), "--work-dir", work.toString(), "--yes");
        assertTrue(deleted.contains("3 container(s) deleted, 1 kept"), deleted);
        assertEquals(new TreeSet<>(List.of(prefix + "-sandbox", prefix + "-theirs", prefix + "-elsewhere")), ours(work, prefix));

        run(0, "clean", "-c", cfg.toString(), "--work-dir", work.toString(), "--yes", "--restores");
        assertEquals(new TreeSet<>(List.of(prefix + "-theirs", prefix + "-elsewhere")), ours(work, prefix),
                "what drp did not create here is never deleted");
        try (AzuriteEmulator emulator = AzuriteEmulator.start(work.resolve("emulator"))) {
            DrillFixture again = new DrillFixture(emulator, tmp.resolve("again"));
            assertEquals(1, again.recovery.container(prefix + "-theirs").listBlobs().stream().count());
        }
    }

    private static Set<String> all(String prefix, Set<String> drills) {
        Set<String> s = new TreeSet<>(drills);
        s.addAll(List.of(prefix + "-sandbox", prefix + "-theirs", prefix + "-elsewhere"));
        return s;
    }

    /** The recovery account's containers of this test, read with the plain SDK. */
    private static Set<String> ours(Path work, String prefix) {
        try (AzuriteEmulator emulator = AzuriteEmulator.start(work.resolve("emulator"))) {
            DrillFixture f = new DrillFixture(emulator, work.resolveSibling("look"));
            Set<String> names = new TreeSet<>();
            f.recovery.client().listBlobContainers().forEach(c -> {
                if (c.getName().startsWith(prefix)) names.add(c.getName());
            });
            return names;
        }
    }

    private static String run(int expected, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, text);
        return text;
    }
}
