package io.drp.storage;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.drp.failure.AbortFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One job at a time on a storage account, enforced by a blob lease on {@code drp-locks/<name>}. The lease is
 * short (60 s) and renewed every 20 s, so a crashed holder frees it within a minute. Each renewal also
 * writes a heartbeat with the holder's {@link ProcessInstance} (host, boot and pid namespace, pid, start time and a
 * random instance id), so a resumed run can tell a dead holder of its own id from a live one, and a holder that
 * cannot renew knows it has lost the lock instead of going on. A lease is broken early only when its holder is
 * provably dead; two containers that share a host name never break each other's.
 */
public final class LeaseLock implements AutoCloseable {

    public static final String CONTAINER = "drp-locks";
    static final int LEASE_SECONDS = 60;
    static final int RENEW_SECONDS = 20;
    /** A heartbeat older than this means the holder stopped renewing: two renewals missed. */
    public static final Duration STALE = Duration.ofSeconds(2 * RENEW_SECONDS + 5);

    /** Who holds a lock, as its metadata says. */
    public record Holder(String runId, String host, String pid, String started, Instant heartbeat, String namespace, String instance) {
        /**
         * The holder ran on this machine, in this boot and pid namespace, and its process is gone (killed, or the
         * machine's jobs crashed): its lease would only block the next job until it expires. The process's start
         * time, recorded with its pid, tells a reused pid from the holder itself. A holder in another container
         * with the same host name has another namespace, so its pid says nothing here and it is presumed alive;
         * so is a holder that recorded no namespace (an older drp).
         */
        boolean diedOnThisHost(ProcessInstance self) {
            return self.provesDead(host, namespace, pid, started, instance);
        }

        String describe() {
            return (runId == null ? "another job" : runId) + (host == null ? "" : " on " + host) + (pid == null ? "" : " (pid " + pid + ")");
        }
    }

    /** The account is in use by another job. */
    public static final class Busy extends AbortFailure {
        public Busy(String message) {
            super(message);
        }
    }

    private final BlobClient blob;
    private final BlobLeaseClient lease;
    private final String runId;
    private final ProcessInstance self;
    private final Clock clock;
    private final ScheduledExecutorService renewer;
    private volatile Instant lastRenewed;
    private volatile String lostBecause;

    private LeaseLock(BlobClient blob, BlobLeaseClient lease, String runId, Clock clock, boolean background, ProcessInstance self) {
        this.self = self;
        this.blob = blob;
        this.lease = lease;
        this.runId = runId;
        this.clock = clock;
        this.lastRenewed = clock.instant();
        this.renewer = background ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drp-lock-renew");
            t.setDaemon(true);
            return t;
        }) : null;
        if (renewer != null) renewer.scheduleAtFixedRate(this::renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * @param what        what the lock protects, for messages ("drill or restore", "backup")
     * @param takeOverOwn when resuming {@code runId}: a lease held under that id whose heartbeat is stale belongs
     *                    to a process that died, so it is broken; a fresh heartbeat means it is still running
     * @throws Busy when another live job holds the lock
     */
    public static LeaseLock acquire(StorageAccount account, String name, String what, String runId, boolean takeOverOwn, Clock clock) {
        return acquire(account, name, what, runId, takeOverOwn, clock, true);
    }

    static LeaseLock acquire(StorageAccount account, String name, String what, String runId, boolean takeOverOwn, Clock clock,
                             boolean background) {
        return acquire(account, name, what, runId, takeOverOwn, clock, background, ProcessInstance.current());
    }

    /**
     * As {@link #acquire}, renewing only when {@link #renew} is called (tests drive renewals by hand), as process
     * {@code self} (tests play two processes).
     */
    static LeaseLock acquire(StorageAccount account, String name, String what, String runId, boolean takeOverOwn, Clock clock,
                             boolean background, ProcessInstance self) {
        BlobClient blob = account.container(CONTAINER).getBlobClient(name);
        try {
            account.container(CONTAINER).createIfNotExists();
            if (!blob.exists()) {
                try {
                    blob.upload(BinaryData.fromString("drp lock: the lease holder is running a " + what), false);
                } catch (BlobStorageException e) {
                    if (!BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode()) && e.getStatusCode() != 412) throw e;
                }
            }
            BlobLeaseClient lease = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
            try {
                lease.acquireLease(LEASE_SECONDS);
            } catch (BlobStorageException e) {
                if (!BlobErrorCode.LEASE_ALREADY_PRESENT.equals(e.getErrorCode())) throw e;
                Holder h = holder(blob);
                Instant now = clock.instant();
                boolean ours = takeOverOwn && runId.equals(h.runId());
                boolean stale = h.heartbeat() == null || Duration.between(h.heartbeat(), now).compareTo(STALE) > 0;
                if (ours && stale || h.diedOnThisHost(self)) {
                    new BlobLeaseClientBuilder().blobClient(blob).buildClient().breakLeaseWithResponse(0, null, null, null);
                    lease.acquireLease(LEASE_SECONDS);
                } else {
                    String beat = h.heartbeat() == null ? "" : ", last heartbeat " + Duration.between(h.heartbeat(), now).toSeconds() + " s ago";
                    throw new Busy((ours ? "the first run of " : "") + h.describe() + " is running a " + what + " on " + account.endpoint()
                            + beat + "; wait for it to finish (a crashed holder's lock expires within " + LEASE_SECONDS + " s)");
                }
            }
            LeaseLock lock = new LeaseLock(blob, lease, runId, clock, background, self);
            lock.heartbeat();
            return lock;
        } catch (BlobStorageException e) {
            throw new StorageError("cannot take the " + what + " lock in " + account.endpoint() + " (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
        }
    }

    /** Who holds the lock at {@code account}, or nobody. */
    public static Holder holder(BlobClient blob) {
        try {
            Map<String, String> md = blob.getProperties().getMetadata();
            if (md == null) return new Holder(null, null, null, null, null, null, null);
            String beat = md.get("heartbeat");
            return new Holder(md.get("drillid"), md.get("host"), md.get("pid"), md.get("started"), beat == null ? null : Instant.parse(beat),
                    md.get("pidns"), md.get("instance"));
        } catch (BlobStorageException | java.time.format.DateTimeParseException e) {
            return new Holder(null, null, null, null, null, null, null); // the holder's identity is a courtesy; the refusal stands without it
        }
    }

    /**
     * Renews the lease and the heartbeat. A renewal the service refuses means someone else has the lease now;
     * renewals that keep failing for a whole lease period mean it has expired. Either way the lock is lost.
     */
    public void renew() {
        if (lostBecause != null) return;
        try {
            lease.renewLease();
            lastRenewed = clock.instant();
            heartbeat();
        } catch (BlobStorageException e) {
            String code = String.valueOf(e.getErrorCode());
            if (code.startsWith("Lease")) {
                lostBecause = "the lease was taken away (" + e.getErrorCode() + ")";
            } else {
                expireIfOverdue("renewals failing (" + e.getStatusCode() + " " + e.getErrorCode() + ")");
            }
        } catch (RuntimeException e) {
            expireIfOverdue("renewals failing (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void expireIfOverdue(String why) {
        if (Duration.between(lastRenewed, clock.instant()).toSeconds() >= LEASE_SECONDS) lostBecause = why + " for " + LEASE_SECONDS + " s";
    }

    private void heartbeat() {
        try {
            Map<String, String> md = new java.util.HashMap<>(Map.of("drillid", runId, "host", self.host(), "pid", self.pid(),
                    "started", self.started(), "instance", self.instance(), "heartbeat", clock.instant().toString()));
            if (self.namespace() != null) md.put("pidns", self.namespace());
            blob.setMetadataWithResponse(md, new BlobRequestConditions().setLeaseId(lease.getLeaseId()), null, null);
        } catch (BlobStorageException ignored) {
            // the heartbeat only informs a resumed run; the lease itself is what excludes others
        }
    }

    /** Null while the lock is held; otherwise why it was lost. */
    public String lostBecause() {
        return lostBecause;
    }

    @Override
    public void close() {
        if (renewer != null) renewer.shutdownNow();
        try {
            lease.releaseLease();
        } catch (RuntimeException ignored) {
            // if the release fails (emulator gone, lease lost), the lease simply expires
        }
    }
}
