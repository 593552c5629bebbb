package io.drp.backup;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobOutputStreamOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.drp.config.BackupConfig;
import io.drp.signing.Ed25519Keys;
import io.drp.listing.ContainerListing;
import io.drp.listing.ListedObject;
import io.drp.listing.VersionListing;
import io.drp.pipeline.DaemonThreads;
import io.drp.pipeline.RunGuard;
import io.drp.pipeline.SignalGuard;
import io.drp.progress.Progress;
import io.drp.storage.LeaseLock;
import io.drp.storage.ServiceClock;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The production side's scheduled job: writes one backup point of the production containers.
 *
 * <p>The new manifest is a merge-join of the production listing with the previous point's manifest, both
 * sorted, so memory stays flat whatever the number of objects. Only new or changed objects (by ETag) are
 * copied. Production is opened read-only by the caller; this class only ever reads it.
 */
public final class BackupJob {

    public enum Mode { AUTO, FULL, INCREMENTAL }

    private static final DateTimeFormatter CHAIN_ID = DateTimeFormatter.ofPattern("'c'yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final StorageAccount production;
    private final StorageAccount backup;
    private final BackupConfig config;
    private final List<String> containers;
    private final Clock clock;
    private final Path cacheDir;
    private final Progress progress;
    private final Ed25519Keys.SigningKey signer;

    public BackupJob(StorageAccount production, StorageAccount backup, BackupConfig config, List<String> containers,
                     Clock clock, Path cacheDir, Progress progress) {
        this.production = Objects.requireNonNull(production, "'production' cannot be null.");
        this.backup = Objects.requireNonNull(backup, "'backup' cannot be null.");
        this.config = Objects.requireNonNull(config, "'config' cannot be null.");
        this.containers = containers.stream().sorted().toList();
        this.clock = clock;
        this.cacheDir = cacheDir;
        this.progress = progress;
        this.signer = BackupKeys.signer(this.config.signing()); // before anything runs: never write a point drills refuse
    }

    /** How long a labelled chain outlives normal retention unless asked otherwise (the source plan's 90 days). */
    public static final Duration KEEP_LABELLED = Duration.ofDays(90);

    public BackupResult run(Mode mode) {
        return run(mode, null, KEEP_LABELLED);
    }

    /**
     * @param label        names this point (a full snapshot only) so that {@code drp restore --label} finds it
     * @param keepLabelled how long labelled chains are exempt from count-based retention
     */
    public BackupResult run(Mode mode, String label, Duration keepLabelled) {
        return run(mode, label, keepLabelled, RunGuard.NONE);
    }

    /**
     * @param guard checked before each copy and before the commit: a job told to stop (Ctrl-C, SIGTERM) commits
     *              no manifest and releases its lease, so the point's number is simply skipped by the next job
     */
    public BackupResult run(Mode mode, String label, Duration keepLabelled, RunGuard guard) {
        if (label != null && mode != Mode.FULL) throw new IllegalArgumentException("only a full snapshot carries a label");
        // Two jobs on one backup container would both pick the same next point number and interleave.
        try (LeaseLock lock = LeaseLock.acquire(backup, LOCK, "backup", "b" + CHAIN_ID.format(clock.instant()), false, clock)) {
            return run(mode, label, keepLabelled, lock, guard);
        }
    }

    /** The lease blob backups take in the backup account. */
    public static final String LOCK = "backup.lock";

    private BackupResult run(Mode mode, String label, Duration keepLabelled, LeaseLock lock, RunGuard guard) {
        long started = System.nanoTime();
        // The watermark is the job's start: every write acknowledged before it is in this point.
        Instant watermark = clock.instant();
        List<String> notes = new ArrayList<>();
        if (clock instanceof ServiceClock sc && sc.corrected()) {
            notes.add("this host's clock is " + sc.skew().toMillis() / 1000.0 + " s off the storage service's; the watermark is on the service's time");
        }
        BlobContainerClient target = backup.container(config.container());
        try {
            target.createIfNotExists();
        } catch (BlobStorageException e) {
            throw new StorageError("cannot create backup container " + config.container() + " (" + e.getStatusCode() + " " + e.getErrorCode() + ")", e);
        }
        for (String c : containers) {
            if (!production.container(c).exists()) {
                throw new StorageError("production container '" + c + "' does not exist in " + production.endpoint()
                        + "; create it or remove it from the services in drp.yaml");
            }
        }
        BackupCatalog catalog = new BackupCatalog(target, cacheDir, PointTrust.of(config.signing()));
        Optional<ManifestFile> previous = continuable(catalog, previousPoint(catalog, watermark, notes), mode, notes);
        boolean full = switch (mode) {
            case FULL -> true;
            case INCREMENTAL -> {
                if (previous.isEmpty()) notes.add("no usable previous point: a full snapshot was taken instead of an incremental");
                yield previous.isEmpty();
            }
            case AUTO -> previous.isEmpty() || chainAge(catalog, previous.get(), watermark).compareTo(config.fullEvery()) >= 0;
        };
        String chainId = full ? CHAIN_ID.format(watermark) : previous.get().header().chainId();
        // Never a number used before, even by a crashed or broken point: on WORM storage its blobs cannot be rewritten.
        int seq = full ? 0 : catalog.highestSeq(chainId) + 1;
        if (!full && seq != previous.get().header().seq() + 1) {
            notes.add("point(s) " + BackupLayout.pointId(chainId, previous.get().header().seq() + 1) + " to "
                    + BackupLayout.pointId(chainId, seq - 1) + " are unusable (crashed or broken); this point links to "
                    + previous.get().pointId() + " and takes the next unused number");
        }
        ManifestHeader header = new ManifestHeader(ManifestHeader.FORMAT, chainId, seq,
                full ? PointKind.FULL : PointKind.INCREMENTAL, watermark, null,
                full ? null : previous.get().sha256(), containers, label, full ? null : previous.get().header().seq());

        BlockBlobClient manifestBlob = target.getBlobClient(BackupLayout.manifestBlob(chainId, seq)).getBlockBlobClient();
        // If-None-Match: * makes two concurrent backups fail loudly instead of overwriting each other's point.
        OutputStream out = manifestBlob.getBlobOutputStream(new BlockBlobOutputStreamOptions()
                .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")));
        ManifestWriter writer = new ManifestWriter(out, header, signer);
        ExecutorService pool = DaemonThreads.pool(config.parallelism(), "drp-backup");
        PointCopier copier = new PointCopier(production, target, chainId, seq);
        AtomicLong seen = new AtomicLong();
        AtomicLong copiedBytes = new AtomicLong();
        OrderedPipeline<ManifestEntry> pipeline = new OrderedPipeline<>(pool, config.parallelism() * 4, e -> {
            if (e == null) return; // deleted from production after the listing
            writer.write(e);
            progress.update("backup", seen.incrementAndGet(), -1, copiedBytes.get());
        });
        ManifestTrailer trailer;
        var direct = new PointPlanner.Sink() { // var: copyInto stays callable for the sweep's plan
            @Override
            public void done(ManifestEntry e) {
                pipeline.submitDone(e);
            }

            @Override
            public void copy(ListedObject o) {
                copyInto(o, null, null);
            }

            void copyInto(ListedObject o, String snapshot, SnapshotSweep sweep) {
                guard.check();
                pipeline.submit(() -> {
                    ManifestEntry e = copier.copy(o, snapshot, sweep);
                    if (e != null) copiedBytes.addAndGet(e.size());
                    return e;
                });
            }
        };
        Path sweeps = SnapshotSweep.dir(cacheDir);
        SnapshotSweep sweep = null;
        if (config.consistency() == BackupConfig.Consistency.SNAPSHOT) {
            // the plans on this disk, and by their mark those of a killed backup whose runner (and plan) is gone
            String mine = SweepMarker.target(backup.accountName(), config.container());
            long cleaned = SweepCleanup.beforeSweep(production, sweeps, containers, mine, Math.max(8, config.parallelism()));
            if (cleaned > 0) notes.add("deleted " + cleaned + " snapshot(s) an interrupted backup had left in production");
            sweep = new SnapshotSweep(production, SweepMarker.of(mine, chainId, seq), sweeps.resolve(chainId + "-" + seq + ".plan"),
                    pool, config.parallelism() * 4);
        }
        boolean clean = false;
        // A full snapshot copies everything: it must not depend on any earlier point.
        Optional<ManifestFile> base = full ? Optional.empty() : previous;
        try (Stream<ManifestEntry> prevEntries = base.map(ManifestFile::entries).orElseGet(Stream::empty);
             Stream<ListedObject> listing = config.consistency() == BackupConfig.Consistency.VERSION
                     ? VersionListing.at(production, containers, watermark) : ContainerListing.of(production, containers, true, false)) {
            PointPlanner.plan(prevEntries.filter(ManifestEntry::live).iterator(), listing.iterator(), sweep == null ? direct : sweepInto(sweep, guard));
            if (sweep != null) {
                SnapshotSweep s = sweep;
                SweepSpool.read(s.finish(), p -> {
                    if (p.done() != null) direct.done(p.done());
                    else direct.copyInto(p.object(), p.snapshot(), s);
                });
            }
            pipeline.drain();
            guard.check();
            if (lock.lostBecause() != null) {
                // another job may have started on this container: committing now could fork the chain
                throw new StorageError("the backup lock on " + backup.endpoint() + " was lost (" + lock.lostBecause()
                        + "); this point was not committed and the next backup will skip its number");
            }
            String consistency = config.consistency() == BackupConfig.Consistency.VERSION ? "version"
                    : sweep == null ? "fuzzy" : sweep.consistency();
            trailer = ManifestCommit.commit(writer, catalog, chainId, seq, clock.instant(), consistency);
            clean = sweep == null || !sweep.anyLeftBehind();
        } catch (RuntimeException e) {
            pipeline.cancel();
            if (sweep != null) sweep.cancel();
            throw e;
        } finally {
            pool.shutdownNow();
            progress.done("backup");
            if (sweep != null) finishSweep(sweep, sweeps, clean, guard.stopReason() != null);
        }
        if (sweep != null) notes.add(sweep.describe());
        if (config.consistency() == BackupConfig.Consistency.VERSION) notes.add("exact point: each object's version current at the watermark");
        ManifestFile written = catalog.manifest(chainId, seq);
        if (!written.sha256().equals(writer.manifestSha256())) {
            throw new BackupError(header.pointId(), "manifest read back differs from what was written");
        }
        long vanished = copier.vanished() + (sweep == null ? 0 : sweep.vanished());
        if (vanished > 0) {
            notes.add(vanished + " object(s) were deleted from production while the backup ran; they are not in this point");
        }
        List<String> pruned = new RetentionPruner(catalog, target, config.retainChains(), keepLabelled).prune(watermark, notes);
        return new BackupResult(BackupPoint.of(written), Duration.ofNanos(System.nanoTime() - started), pruned, notes);
    }

    private static PointPlanner.Sink sweepInto(SnapshotSweep sweep, RunGuard guard) {
        return new PointPlanner.Sink() {
            @Override
            public void done(ManifestEntry e) {
                sweep.done(e);
            }

            @Override
            public void copy(ListedObject o) {
                guard.check();
                sweep.copy(o);
            }
        };
    }

    /** Deletes what the sweep left in production; on a clean run only the plan remains to delete. */
    /** @param stopping stopped by a signal: the clean-up gets half the grace, and the next backup deletes the rest */
    private void finishSweep(SnapshotSweep sweep, Path sweeps, boolean clean, boolean stopping) {
        long until = System.nanoTime() + SignalGuard.GRACE.dividedBy(2).toNanos();
        try {
            if (clean) {
                sweep.forgetPlan();
            } else {
                SweepCleanup.cleanUp(production, sweeps, Math.max(8, config.parallelism()), () -> !stopping || System.nanoTime() < until);
            }
        } catch (RuntimeException ignored) {
            // the plan stays on disk, and the next backup deletes the snapshots it lists
        }
    }

    private Optional<ManifestFile> previousPoint(BackupCatalog catalog, Instant now, List<String> notes) {
        List<String> problems = new ArrayList<>();
        Optional<RestorePlan> plan;
        try {
            plan = catalog.plan(now, problems);
        } catch (UntrustedPointError e) {
            // never link to a point drp did not write: a new chain starts, and drills refuse the old one until it is looked at
            notes.add(e.getMessage() + "; a new chain was started instead of continuing it");
            return Optional.empty();
        }
        plan.ifPresent(p -> notes.addAll(p.problems()));
        notes.addAll(problems);
        return plan.map(RestorePlan::recoveryPoint);
    }

    /**
     * A chain continues only from its newest usable point. When the newest chain cannot be restored at all, an
     * incremental on an older chain would hide that: a new chain starts instead, and the notes say why.
     */
    private static Optional<ManifestFile> continuable(BackupCatalog catalog, Optional<ManifestFile> previous, Mode mode, List<String> notes) {
        if (previous.isEmpty() || mode == Mode.FULL) return previous;
        List<BackupCatalog.ChainListing> chains = catalog.lastListing();
        String newest = chains.isEmpty() ? null : chains.get(chains.size() - 1).chainId();
        if (newest != null && !newest.equals(previous.get().header().chainId())) {
            notes.add("the newest chain " + newest + " cannot be restored, so it cannot be continued: a new chain was started");
            return Optional.empty();
        }
        return previous;
    }

    private Duration chainAge(BackupCatalog catalog, ManifestFile previous, Instant now) {
        ManifestFile full = catalog.manifest(previous.header().chainId(), 0);
        return Duration.between(full.header().watermark(), now);
    }
}
