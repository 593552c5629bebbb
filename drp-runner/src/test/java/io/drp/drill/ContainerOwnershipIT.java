package io.drp.drill;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import io.drp.backup.BackupJob;
import io.drp.model.DrillReport;
import io.drp.model.Verdict;
import io.drp.recovery.rebuild.LocalRecoveryTarget;
import io.drp.recovery.rebuild.RecoveryEnvironment;
import io.drp.storage.BatchDeletion;
import io.drp.storage.StorageError;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.DrillFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * drp writes only into containers it created (issue 21, defect 1): a container that existed before drp in the
 * recovery account, even an empty one, is never adopted, marked, emptied or deleted. Checked with the plain SDK.
 */
@ExtendWith(Azurite.class)
class ContainerOwnershipIT {

    private static DrillFixture backedUp(AzuriteEmulator azurite, Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.data().seed(3);
        f.backup(BackupJob.Mode.FULL);
        return f;
    }

    private static List<String> names(BlobContainerClient c) {
        return c.listBlobs().stream().map(b -> b.getName()).sorted().toList();
    }

    @Test
    void aPreExistingEmptyContainerIsNeitherAdoptedNorClearedNorDeleted(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given an empty container in the recovery account that drp did not create
        DrillFixture f = backedUp(azurite, tmp);
        BlobContainerClient theirs = f.recovery.container(f.orders());
        theirs.create();

        // when a drill runs
        DrillReport first = f.drill(null, false, tmp.resolve("first"));

        // then it is refused, naming the container, and nothing was written: no mark, no twin created
        assertEquals(Verdict.ABORTED, first.verdict());
        assertTrue(first.verdictReason().contains("recovery container '" + f.orders() + "'")
                && first.verdictReason().contains("existed before drp"), first.verdictReason());
        assertTrue(theirs.exists(), "never deleted");
        Map<String, String> md = theirs.getProperties().getMetadata();
        assertTrue(md == null || md.isEmpty(), "never marked: " + md);
        assertFalse(f.recovery.container(f.invoices()).exists(), "a refusal writes nothing, not even the other twins");
        assertFalse(f.recovery.container(f.media()).exists());

        // and once the application has written into it, a second drill leaves the objects where they are
        theirs.getBlobClient("app/1.json").upload(BinaryData.fromString("{\"live\":true}"), true);
        DrillReport second = f.drill(null, false, tmp.resolve("second"));
        assertEquals(Verdict.ABORTED, second.verdict());
        assertEquals(List.of("app/1.json"), names(theirs));
        assertEquals("{\"live\":true}", theirs.getBlobClient("app/1.json").downloadContent().toString());
    }

    @Test
    void aDrillAfterARestoreIntoTheRecoveryAccountNamesTheRestoreAndLeavesItsDataAlone(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        // given a container that drp restore created in the recovery account (its mark, as RestoreContainers writes it)
        DrillFixture f = backedUp(azurite, tmp);
        BlobContainerClient recovered = f.recovery.container(f.orders());
        recovered.createWithResponse(Map.of("drprestore", "r20261204-0900-abcd"), null, null, null);
        recovered.getBlobClient("obj-0001.txt").upload(BinaryData.fromString("live recovery"), true);

        DrillReport drill = f.drill(null, false, tmp.resolve("r"));

        // then the drill refuses, naming that restore, and the recovered data is untouched
        assertEquals(Verdict.ABORTED, drill.verdict());
        assertTrue(drill.verdictReason().contains("drp restore r20261204-0900-abcd") && drill.verdictReason().contains("live recovery"),
                drill.verdictReason());
        assertEquals(List.of("obj-0001.txt"), names(recovered));
        assertEquals("live recovery", recovered.getBlobClient("obj-0001.txt").downloadContent().toString());
    }

    @Test
    void theOldDrpmanagedMarkAndAnotherAccountsMarkProveNothing(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        DrillFixture f = backedUp(azurite, tmp);
        BlobContainerClient legacy = f.recovery.container(f.orders());
        legacy.createWithResponse(Map.of("drpmanaged", "true", "drpdrill", "d-old"), null, null, null);
        legacy.getBlobClient("kept.txt").upload(BinaryData.fromString("k"), true);
        BlobContainerClient copied = f.recovery.container(f.media());
        // the mark drp puts on a container it creates in production's account, as if copied here with its metadata
        copied.createWithResponse(Map.of("drpowner", "drp:drpprod:d-other"), null, null, null);

        DrillReport r = f.drill(null, false, tmp.resolve("r"));

        assertEquals(Verdict.ABORTED, r.verdict());
        assertTrue(r.verdictReason().contains("recovery container '" + f.media() + "'")
                && r.verdictReason().contains("mark for another account"), r.verdictReason());
        LocalRecoveryTarget target = new LocalRecoveryTarget(f.recovery);
        StorageError old = assertThrows(StorageError.class, () -> target.rebuild("d-x", List.of(f.orders()), false));
        assertTrue(old.getMessage().contains("'drpmanaged' mark of an older drp"), old.getMessage());
        assertEquals(List.of("kept.txt"), names(legacy));
        assertEquals(Map.of("drpmanaged", "true", "drpdrill", "d-old"), legacy.getProperties().getMetadata());
        assertEquals(Map.of("drpowner", "drp:drpprod:d-other"), copied.getProperties().getMetadata());
    }

    @Test
    void batchDeletionAndTeardownActOnlyOnContainersDrpCreatedInThisAccount(AzuriteEmulator azurite, @TempDir Path tmp) {
        DrillFixture f = new DrillFixture(azurite, tmp);
        BlobContainerClient theirs = f.recovery.container(f.orders());
        theirs.create();
        theirs.getBlobClient("a").upload(BinaryData.fromString("a"), true);

        assertThrows(StorageError.class, () -> BatchDeletion.deleteAll(f.recovery, f.orders()));
        new LocalRecoveryTarget(f.recovery).teardown(new RecoveryEnvironment(f.recovery, List.of(f.orders()), Map.of()));

        assertEquals(List.of("a"), names(theirs), "neither emptied nor deleted");
    }

    @Test
    void containersTheRunsOwnRebuildCreatedAreMarkedAndUsedOthersAreNot(AzuriteEmulator azurite, @TempDir Path tmp) {
        // given two empty containers: one a pulumi up of this run created, one that was there before
        DrillFixture f = new DrillFixture(azurite, tmp);
        f.recovery.container(f.orders()).create();
        f.recovery.container(f.invoices()).createWithResponse(Map.of("drp_role", "recovery"), null, null, null);
        LocalRecoveryTarget target = new LocalRecoveryTarget(f.recovery);

        assertThrows(StorageError.class, () -> target.rebuildCreated("d-1", List.of(f.orders(), f.invoices()), false, Set.of(f.invoices())));
        RecoveryEnvironment env = target.rebuildCreated("d-1", List.of(f.invoices(), f.media()), false, Set.of(f.invoices()));

        assertEquals(List.of(f.invoices(), f.media()), env.containers());
        assertEquals(Map.of("drp_role", "recovery", "drpowner", "drp:drprecovery:d-1"), f.recovery.container(f.invoices()).getProperties().getMetadata(),
                "marked for this account and run, the stack's own metadata kept");
        Map<String, String> untouched = f.recovery.container(f.orders()).getProperties().getMetadata();
        assertTrue(untouched == null || untouched.isEmpty(), "the refused container is not marked: " + untouched);
        // and a later drill on this account takes both of its own containers back, emptying them first
        f.recovery.container(f.media()).getBlobClient("left").upload(BinaryData.fromString("x"), true);
        RecoveryEnvironment again = target.rebuild("d-2", List.of(f.invoices(), f.media()), false);
        assertEquals(1, again.leftovers().objects());
        assertEquals(List.of(), names(f.recovery.container(f.media())));
        target.teardown(again);
        assertFalse(f.recovery.container(f.invoices()).exists());
        assertFalse(f.recovery.container(f.media()).exists());
        assertTrue(f.recovery.container(f.orders()).exists());
    }
}
