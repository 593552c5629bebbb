package io.drp.storage;

import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lease lock against a real Azurite; renewals are driven by hand and time by a steppable clock. */
@ExtendWith(Azurite.class)
class LeaseLockIT {

    private static StorageAccount account(AzuriteEmulator azurite) {
        // one quick retry: a renewal against a dead endpoint should fail in milliseconds here, not minutes
        StorageSession s = StorageSession.ofEmulator(azurite, new StorageConnector(new com.azure.storage.common.policy.RequestRetryOptions(
                com.azure.storage.common.policy.RetryPolicyType.FIXED, 2, Duration.ofSeconds(3), Duration.ofMillis(10), Duration.ofMillis(10), null)));
        return s.connector().open("recovery", s.accounts().recovery());
    }

    private static String name() {
        return "t-" + UUID.randomUUID() + ".lock";
    }

    @Test
    void aLeaseTakenAwayIsNoticedAtTheNextRenewal(AzuriteEmulator azurite) {
        StorageAccount acct = account(azurite);
        String lockName = name();
        SteppableClock clock = SteppableClock.startingNow();
        try (LeaseLock lock = LeaseLock.acquire(acct, lockName, "drill", "d-1", false, clock, false)) {
            lock.renew();
            assertNull(lock.lostBecause());
            // someone breaks the lease (an operator, or a second drp that judged it stale)
            new BlobLeaseClientBuilder().blobClient(acct.container(LeaseLock.CONTAINER).getBlobClient(lockName)).buildClient()
                    .breakLeaseWithResponse(0, null, null, null);

            lock.renew();

            assertNotNull(lock.lostBecause());
            assertTrue(lock.lostBecause().contains("Lease"), lock.lostBecause());
        }
    }

    @Test
    void resumingBreaksItsOwnLeaseOnlyWhenTheHeartbeatIsStale(AzuriteEmulator azurite) {
        StorageAccount acct = account(azurite);
        String lockName = name();
        SteppableClock first = SteppableClock.startingNow();
        LeaseLock held = LeaseLock.acquire(acct, lockName, "drill", "d-2", false, first, false);

        // a resume while the first process still heartbeats is refused, naming the holder
        SteppableClock second = new SteppableClock(first.instant().plusSeconds(10));
        LeaseLock.Busy busy = assertThrows(LeaseLock.Busy.class, () -> LeaseLock.acquire(acct, lockName, "drill", "d-2", true, second, false));
        assertTrue(busy.getMessage().contains("the first run of d-2 on ") && busy.getMessage().contains("pid " + ProcessHandle.current().pid())
                && busy.getMessage().contains("last heartbeat 10 s ago"), busy.getMessage());

        // another run id is refused even when the heartbeat is stale: only the lease's expiry frees it then
        second.step(LeaseLock.STALE);
        assertThrows(LeaseLock.Busy.class, () -> LeaseLock.acquire(acct, lockName, "drill", "d-other", true, second, false));

        // once the heartbeat is stale, the same run id takes the lock over
        try (LeaseLock resumed = LeaseLock.acquire(acct, lockName, "drill", "d-2", true, second, false)) {
            assertNull(resumed.lostBecause());
            held.renew();
            assertNotNull(held.lostBecause(), "the dead holder, were it to wake up, finds its lease gone");
        }
        held.close();
    }

    @Test
    void renewalsFailingForALeasePeriodMeanTheLockIsLost(AzuriteEmulator azurite) throws Exception {
        SteppableClock clock = SteppableClock.startingNow();
        AzuriteEmulator own = AzuriteEmulator.start(java.nio.file.Files.createTempDirectory("lease-azurite"));
        StorageAccount acct = account(own);
        LeaseLock lock = LeaseLock.acquire(acct, name(), "backup", "b-1", false, clock, false);
        own.kill(); // the storage becomes unreachable: renewals fail without a service answer

        clock.step(Duration.ofSeconds(30));
        lock.renew();
        assertNull(lock.lostBecause(), "30 s of failed renewals: the 60 s lease still holds");
        clock.step(Duration.ofSeconds(31));
        lock.renew();
        assertNotNull(lock.lostBecause());
        lock.close();
    }
}
