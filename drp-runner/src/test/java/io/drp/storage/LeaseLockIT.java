package io.drp.storage;

import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.drp.storage.emulator.AzuriteEmulator;
import io.drp.testing.Azurite;
import io.drp.testing.SteppableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** The id of a process that has exited: nothing by that pid is alive here. */
    private static String deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return Long.toString(p.pid());
    }

    /** A lease held by another process, written with the plain SDK as a holder's heartbeat looks. */
    private static com.azure.storage.blob.specialized.BlobLeaseClient holdAs(StorageAccount acct, String lockName, Map<String, String> md) {
        acct.container(LeaseLock.CONTAINER).createIfNotExists();
        var blob = acct.container(LeaseLock.CONTAINER).getBlobClient(lockName);
        blob.upload(com.azure.core.util.BinaryData.fromString("held"), true);
        var lease = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
        lease.acquireLease(60);
        blob.setMetadataWithResponse(md, new com.azure.storage.blob.models.BlobRequestConditions().setLeaseId(lease.getLeaseId()), null, null);
        return lease;
    }

    @Test
    void aHolderInAnotherContainerWithTheSameHostNameIsNeverBroken(AzuriteEmulator azurite) throws Exception {
        StorageAccount acct = account(azurite);
        String lockName = name();
        // another container on a machine whose host name is ours: its pid means nothing in our pid namespace
        Map<String, String> other = new HashMap<>(Map.of("drillid", "d-other-container", "host", InetAddress.getLocalHost().getHostName(),
                "pid", deadPid(), "started", "1700000000000", "heartbeat", java.time.Instant.now().toString(),
                "pidns", "11111111-2222-3333-4444-555555555555/pid:[4026532999]", "instance", UUID.randomUUID().toString()));
        var first = holdAs(acct, lockName, other);

        LeaseLock.Busy busy = assertThrows(LeaseLock.Busy.class,
                () -> LeaseLock.acquire(acct, lockName, "drill", "d-here", false, SteppableClock.startingNow(), false));

        assertTrue(busy.getMessage().contains("d-other-container"), busy.getMessage());
        first.renewLease(); // still its lease: renewing it succeeds
        assertEquals("d-other-container", acct.container(LeaseLock.CONTAINER).getBlobClient(lockName).getProperties().getMetadata().get("drillid"));
        first.releaseLease();
    }

    @Test
    void twoInstancesSharingAHostNameButNotANamespaceDoNotBreakEachOther(AzuriteEmulator azurite) throws Exception {
        StorageAccount acct = account(azurite);
        String lockName = name();
        String boot = UUID.randomUUID().toString();
        ProcessInstance a = new ProcessInstance("runner", boot + "/pid:[4026532001]", deadPid(), "1700000000000", "instance-a");
        ProcessInstance b = new ProcessInstance("runner", boot + "/pid:[4026532002]", a.pid(), "1700000000000", "instance-b");
        try (LeaseLock held = LeaseLock.acquire(acct, lockName, "drill", "d-a", false, SteppableClock.startingNow(), false, a)) {
            assertThrows(LeaseLock.Busy.class, () -> LeaseLock.acquire(acct, lockName, "drill", "d-b", false, SteppableClock.startingNow(), false, b));
            held.renew();
            assertNull(held.lostBecause(), "the first holder keeps its lease");
        }
    }

    @Test
    void aDeadHolderOfThisHostAndNamespaceIsBrokenAtOnce(AzuriteEmulator azurite) throws Exception {
        StorageAccount acct = account(azurite);
        String lockName = name();
        ProcessInstance me = ProcessInstance.current();
        assertNotNull(me.namespace(), "these tests run on Linux, where the boot id and pid namespace are known");
        ProcessInstance killed = new ProcessInstance(me.host(), me.namespace(), deadPid(), "1700000000000", "instance-killed");
        LeaseLock dead = LeaseLock.acquire(acct, lockName, "drill", "d-killed", false, SteppableClock.startingNow(), false, killed);

        try (LeaseLock next = LeaseLock.acquire(acct, lockName, "drill", "d-next", false, SteppableClock.startingNow(), false)) {
            assertNull(next.lostBecause());
            dead.renew();
            assertNotNull(dead.lostBecause(), "the dead holder's lease was broken");
        }
        dead.close();
    }

    @Test
    void aHolderThatRecordedNoNamespaceIsPresumedAlive(AzuriteEmulator azurite) throws Exception {
        StorageAccount acct = account(azurite);
        String lockName = name();
        // what an older drp wrote: host, pid and start time only
        var first = holdAs(acct, lockName, Map.of("drillid", "d-old", "host", ProcessInstance.current().host(), "pid", deadPid(),
                "started", "1700000000000", "heartbeat", java.time.Instant.now().toString()));

        assertThrows(LeaseLock.Busy.class, () -> LeaseLock.acquire(acct, lockName, "drill", "d-new", false, SteppableClock.startingNow(), false));
        first.renewLease();
        first.releaseLease();
    }
}
