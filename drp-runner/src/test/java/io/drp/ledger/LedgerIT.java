package io.drp.ledger;

import io.drp.model.DrillReport;
import io.drp.report.ReportJson;
import io.drp.report.SampleReportsAccess;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageConnector;
import io.drp.storage.StorageSession;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blob mirror on a real Azurite: write-once records, and a truncated local ledger is caught. */
@ExtendWith(Azurite.class)
class LedgerIT {

    @Test
    void mirrorHoldsEveryRecordAndCatchesRecordsRemovedFromTheEnd(AzuriteEmulator azurite, @TempDir Path tmp) throws Exception {
        StorageAccount recovery = StorageSession.ofEmulator(azurite, new StorageConnector()).connector()
                .open("recovery", azurite.account("drprecovery"));
        BlobLedgerMirror mirror = new BlobLedgerMirror(recovery.container("ledger-" + UUID.randomUUID().toString().substring(0, 8)), 30);
        DrillLedger ledger = new DrillLedger(tmp, Optional.of(mirror));
        DrillReport r = SampleReportsAccess.failed();
        for (int i = 0; i < 3; i++) ledger.append(r, ReportJson.toJson(r).getBytes(StandardCharsets.UTF_8));

        assertEquals(3, mirror.count());
        assertTrue(ledger.verify().intact());

        List<String> lines = new ArrayList<>(Files.readAllLines(ledger.file()));
        lines.remove(2);
        Files.write(ledger.file(), lines);
        LedgerVerification v = ledger.verify();
        assertFalse(v.intact(), "the local chain alone cannot see its last record removed; the mirror can");
        assertTrue(v.reason().contains("holds 1 record(s) after the local ledger's last (records were removed from its end)"), v.reason());
    }

    @Test
    void mirroredRecordsAreNeverOverwritten(AzuriteEmulator azurite, @TempDir Path tmp) {
        StorageAccount recovery = StorageSession.ofEmulator(azurite, new StorageConnector()).connector()
                .open("recovery", azurite.account("drprecovery"));
        BlobLedgerMirror mirror = new BlobLedgerMirror(recovery.container("ledger-" + UUID.randomUUID().toString().substring(0, 8)), 30);
        DrillLedger ledger = new DrillLedger(tmp, Optional.of(mirror));
        DrillReport r = SampleReportsAccess.failed();
        LedgerRecord first = ledger.append(r, new byte[] {1});

        assertThrows(com.azure.storage.blob.models.BlobStorageException.class, () -> mirror.put(first, "{\"forged\":true}"));
    }
}
