package io.drp.drill;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.drp.backup.BackupCatalog;
import io.drp.backup.BackupError;
import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.backup.RestorePlan;
import io.drp.config.DrpConfig;
import io.drp.config.ServiceConfig;
import io.drp.drill.rebuild.RecoveryEnvironment;
import io.drp.drill.rebuild.RecoveryTarget;
import io.drp.progress.Progress;
import io.drp.report.DrillReport;
import io.drp.report.Evidence;
import io.drp.report.Finding;
import io.drp.report.Integrity;
import io.drp.report.ManifestEvidence;
import io.drp.report.Measured;
import io.drp.report.ObjectiveResult;
import io.drp.report.Objectives;
import io.drp.report.Redactor;
import io.drp.report.RunRecord;
import io.drp.report.StepRecord;
import io.drp.report.StepStatus;
import io.drp.report.Verdict;
import io.drp.storage.StorageAccount;
import io.drp.storage.StorageError;
import io.drp.storage.VerifiedCopier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Runs a drill: plan, rebuild, restore, replay, verify, then report and teardown. Each step is timed; if a
 * step throws, the drill is ABORTED, later steps are SKIPPED, and the report is still written: a failed
 * drill is the most valuable audit evidence there is.
 *
 * <p>Production and backup are only ever handed to this class as read-only accounts.
 */
public final class DrillEngine {

    /** Caps on the object names listed in a report; the counts are always exact. */
    static final int NAME_SAMPLE = 50;

    private final DrpConfig config;
    private final StorageAccount production;
    private final StorageAccount backup;
    private final RecoveryTarget target;
    private final Clock clock;
    private final Progress progress;
    private final Path workDir;
    private final LongSupplier transientRetries;
    private final Redactor redactor;
    private final ReportSink sink;
    private final String drpVersion;

    /** Writes the report files; the CLI plugs in every format, tests may keep only JSON. */
    @FunctionalInterface
    public interface ReportSink {
        Path write(DrillReport report, Path dir) throws IOException;
    }

    public DrillEngine(DrpConfig config, StorageAccount production, StorageAccount backup, RecoveryTarget target, Clock clock,
                       Progress progress, Path workDir, LongSupplier transientRetries, Redactor redactor, ReportSink sink,
                       String drpVersion) {
        this.config = Objects.requireNonNull(config, "'config' cannot be null.");
        if (!production.readOnly() || !backup.readOnly()) {
            throw new IllegalArgumentException("a drill must be given read-only production and backup accounts");
        }
        this.production = production;
        this.backup = backup;
        this.target = target;
        this.clock = clock;
        this.progress = progress;
        this.workDir = workDir;
        this.transientRetries = transientRetries;
        this.redactor = redactor;
        this.sink = sink;
        this.drpVersion = drpVersion;
    }

    /** Mutable state shared by the steps of one run. */
    private static final class State {
        Instant t0;
        RestorePlan plan;
        RecoveryEnvironment env;
        Instant verifiedAt;
        long restored, restoredBytes, expected;
        long lost, lostBytes, writtenAfter;
        final List<String> lostNames = new ArrayList<>();
        final Queue<Mismatch> mismatches = new ConcurrentLinkedQueue<>();
        final Map<String, Long> lostPerService = new TreeMap<>();
        final Map<String, Long> mismatchesPerService = new TreeMap<>();
        boolean verified;
        final List<Finding> findings = new ArrayList<>();
    }

    /**
     * Runs the drill and writes its report. Never throws for a drill problem: those become an ABORTED
     * report. Throws only if the report itself cannot be written.
     *
     * @param previousRuns earlier runs of the same drill id (for {@code --resume}); empty for a new drill
     */
    public DrillReport run(DrillRequest req, List<RunRecord> previousRuns) throws IOException {
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        State st = new State();
        st.t0 = req.disasterAt() != null ? req.disasterAt() : startedAt;
        List<StepRecord> steps = java.util.Collections.synchronizedList(new ArrayList<>());
        long retriesAtStart = transientRetries.getAsLong();
        String[] abort = {null};
        Runner run = new Runner(steps, startedAt, startNanos, abort);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        // Ctrl-C or SIGTERM mid-drill: still leave an ABORTED report behind, the drill's most valuable evidence.
        Thread onSignal = new Thread(() -> {
            if (finished.get()) return;
            try {
                List<StepRecord> snapshot;
                synchronized (steps) {
                    snapshot = new ArrayList<>(steps);
                }
                Instant at = now(startedAt, startNanos);
                String current = run.current;
                if (current != null) {
                    snapshot.add(new StepRecord(current, run.currentBegin, at, seconds(System.nanoTime() - run.currentBeginNanos),
                            StepStatus.ABORTED, "interrupted", Map.of()));
                }
                String why = "interrupted: drp was stopped by a signal" + (current == null ? "" : " during " + current);
                DrillReport r = assemble(req, st, snapshot, why, startedAt, at, previousRuns, retriesAtStart);
                sink.write(r, req.reportDir());
                interruptListener.accept(r);
            } catch (Throwable ignored) {
                // best effort: the JVM is going down
            }
        }, "drp-drill-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return runSteps(req, previousRuns, startedAt, startNanos, st, steps, retriesAtStart, abort, run, finished);
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    /** What a drill would do now, without rebuilding or writing anything. */
    public record DryRun(String recoveryPoint, Instant watermark, double rpoSeconds, List<String> points, long objects, long bytes,
                         long replayPuts, long replayDeletes, List<String> problems, List<ObjectiveResult> rpoResults) {}

    /** Plans the drill (step 1) and stops: checks backups are restorable and what the RPO would be. */
    public DryRun dryRun(DrillRequest req) {
        State st = new State();
        st.t0 = req.disasterAt() != null ? req.disasterAt() : clock.instant();
        plan(st);
        ManifestFile point = st.plan.recoveryPoint();
        long puts = 0, deletes = 0;
        for (ManifestFile m : st.plan.points().subList(1, st.plan.points().size())) {
            puts += m.trailer().puts();
            deletes += m.trailer().deletes();
        }
        Duration rpo = Duration.between(point.header().watermark(), st.t0);
        List<ObjectiveResult> rpoResults = ObjectiveEvaluator.evaluate(config.services(), req.scenario(), null, rpo, null).stream()
                .filter(r -> r.kind() == ObjectiveResult.Kind.RPO).toList();
        return new DryRun(point.pointId(), point.header().watermark(), ObjectiveEvaluator.seconds(rpo),
                st.plan.points().stream().map(ManifestFile::pointId).toList(), st.plan.full().trailer().liveObjects(),
                st.plan.full().trailer().liveBytes(), puts, deletes, st.findings.stream().map(Finding::message).toList(), rpoResults);
    }

    private java.util.function.Consumer<DrillReport> interruptListener = r -> { };

    /** Called with the ABORTED report written when a signal stops the drill (the runner saves resume state). */
    public void onInterrupt(java.util.function.Consumer<DrillReport> listener) {
        this.interruptListener = listener;
    }

    private DrillReport runSteps(DrillRequest req, List<RunRecord> previousRuns, Instant startedAt, long startNanos, State st,
                                 List<StepRecord> steps, long retriesAtStart, String[] abort, Runner run,
                                 java.util.concurrent.atomic.AtomicBoolean reported) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(req.parallelism(), r -> {
            Thread t = new Thread(r, "drp-drill");
            t.setDaemon(true);
            return t;
        });
        Path drillDir = workDir.resolve("drills").resolve(req.drillId());
        try (RestoreJournal journal = RestoreJournal.open(drillDir.resolve("restore.journal"))) {
            run.step("plan", () -> plan(st));
            run.step("rebuild", () -> rebuild(st, req));
            run.step("restore", () -> restore(st, req, pool, journal));
            run.step("replay", () -> replay(st, req, pool, journal));
            run.step("verify", () -> verify(st, req, pool, run));
        } finally {
            pool.shutdownNow();
        }
        Instant reportAt = now(startedAt, startNanos);
        DrillReport report = assemble(req, st, steps, abort[0], startedAt, reportAt, previousRuns, retriesAtStart);
        Path dir = req.reportDir();
        sink.write(report, dir);
        reported.set(true); // from here an interruption must not replace this report
        if (st.env != null && !req.keep() && abort[0] == null) {
            Runner teardown = new Runner(new ArrayList<>(steps), startedAt, startNanos, new String[1]);
            teardown.step("teardown", () -> {
                target.teardown(st.env);
                return Map.of("containers", st.env.containers().size());
            });
            report = withSteps(report, teardown.steps, now(startedAt, startNanos));
            sink.write(report, dir);
        } else if (st.env != null) {
            String why = req.keep() ? "--keep: recovery containers left in place for inspection"
                    : "aborted drill: recovery containers left in place for --resume or inspection";
            List<StepRecord> all = new ArrayList<>(steps);
            Instant at = now(startedAt, startNanos);
            all.add(new StepRecord("teardown", at, at, 0, StepStatus.SKIPPED, why, Map.of()));
            report = withSteps(report, all, at);
            sink.write(report, dir);
        }
        return report;
    }

    private static DrillReport withSteps(DrillReport r, List<StepRecord> steps, Instant finishedAt) {
        List<RunRecord> runs = new ArrayList<>(r.runs());
        RunRecord last = runs.remove(runs.size() - 1);
        runs.add(new RunRecord(last.run(), last.startedAt(), finishedAt, last.outcome(), last.note()));
        return new DrillReport(r.schemaVersion(), r.drillId(), r.verdict(), r.verdictReason(), r.startedAt(), finishedAt,
                r.objectives(), r.measured(), r.objectiveResults(), steps, r.integrity(), r.evidence(), r.findings(), runs,
                r.transientRetries());
    }

    private static Instant now(Instant startedAt, long startNanos) {
        return startedAt.plusNanos(System.nanoTime() - startNanos);
    }

    /** Times steps with the monotonic clock; after an abort, remaining steps are recorded as SKIPPED. */
    private final class Runner {
        final List<StepRecord> steps;
        final Instant startedAt;
        final long startNanos;
        final String[] abort;
        volatile String current;
        volatile Instant currentBegin;
        volatile long currentBeginNanos;

        Runner(List<StepRecord> steps, Instant startedAt, long startNanos, String[] abort) {
            this.steps = steps;
            this.startedAt = startedAt;
            this.startNanos = startNanos;
            this.abort = abort;
        }

        Instant now() {
            return DrillEngine.now(startedAt, startNanos);
        }

        void step(String name, StepBody body) {
            Instant begin = now();
            if (abort[0] != null) {
                steps.add(new StepRecord(name, begin, begin, 0, StepStatus.SKIPPED, "skipped: an earlier step aborted", Map.of()));
                return;
            }
            long n0 = System.nanoTime();
            currentBegin = begin;
            currentBeginNanos = n0;
            current = name;
            try {
                Map<String, Object> details = body.run();
                long n1 = System.nanoTime();
                steps.add(new StepRecord(name, begin, begin.plusNanos(n1 - n0), seconds(n1 - n0), StepStatus.SUCCEEDED, null,
                        details == null ? Map.of() : details));
            } catch (RuntimeException | Error e) {
                long n1 = System.nanoTime();
                String message = redactor.redact(StepFailure.describe(e));
                abort[0] = name + ": " + message;
                steps.add(new StepRecord(name, begin, begin.plusNanos(n1 - n0), seconds(n1 - n0), StepStatus.ABORTED, message, Map.of()));
                progress.done(name);
            } finally {
                current = null;
            }
        }
    }

    @FunctionalInterface
    private interface StepBody {
        Map<String, Object> run();
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1_000_000.0) / 1000.0;
    }

    // ---------------------------------------------------------------- steps

    private Map<String, Object> plan(State st) {
        BlobContainerClient container = backup.container(config.backup().container());
        BackupCatalog catalog = new BackupCatalog(container, workDir.resolve("cache").resolve("manifests"));
        List<String> problems = new ArrayList<>();
        RestorePlan plan = catalog.plan(st.t0, problems).orElseThrow(() -> new BackupError(null,
                "no restorable backup at or before the disaster instant " + st.t0 + " in container '"
                        + config.backup().container() + "' of " + backup.endpoint()
                        + (problems.isEmpty() ? "; run 'drp backup' first" : ": " + String.join("; ", problems))));
        st.plan = plan;
        for (String p : plan.problems()) {
            st.findings.add(new Finding(Finding.Severity.BLOCKING, "BROKEN_BACKUP", p,
                    "Investigate the backup job and storage for this point; the drill fell back to " + plan.recoveryPoint().pointId()
                            + ", which lengthens the real RPO."));
        }
        List<String> backedUp = plan.recoveryPoint().header().containers();
        for (String c : config.productionContainers()) {
            if (!backedUp.contains(c)) {
                st.findings.add(new Finding(Finding.Severity.BLOCKING, "CONTAINER_NOT_BACKED_UP",
                        "production container '" + c + "' is not in recovery point " + plan.recoveryPoint().pointId(),
                        "Run 'drp backup' with the current drp.yaml so that every declared container is backed up."));
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("recoveryPoint", plan.recoveryPoint().pointId());
        d.put("watermark", plan.recoveryPoint().header().watermark().toString());
        d.put("points", plan.points().size());
        d.put("incrementals", plan.points().size() - 1);
        d.put("rpoSeconds", seconds(Duration.between(plan.recoveryPoint().header().watermark(), st.t0).toNanos()));
        d.put("problems", plan.problems().size());
        return d;
    }

    private Map<String, Object> rebuild(State st, DrillRequest req) {
        st.env = target.rebuild(req.drillId(), containers(st), req.resume());
        Map<String, Object> d = new LinkedHashMap<>(st.env.details());
        d.put("target", target.describe());
        d.put("containers", st.env.containers().size());
        return d;
    }

    private List<String> containers(State st) {
        return st.plan.recoveryPoint().header().containers().stream().sorted().toList();
    }

    private Map<String, Object> restore(State st, DrillRequest req, ExecutorService pool, RestoreJournal journal) {
        ManifestFile full = st.plan.full();
        ObjectRestorer r = new ObjectRestorer(backup.container(config.backup().container()), st.env.account(),
                full.header().chainId(), pool, req.parallelism(), progress, "restore", journal, st.mismatches);
        try (Stream<ManifestEntry> entries = full.entries()) {
            entries.forEach(e -> r.apply(e, 0));
        }
        r.awaitAll();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("point", full.pointId());
        d.put("objects", r.objects.get());
        d.put("bytes", r.bytes.get());
        d.put("resumedSkipped", r.skipped.get());
        d.put("hashMismatches", st.mismatches.size());
        return d;
    }

    private Map<String, Object> replay(State st, DrillRequest req, ExecutorService pool, RestoreJournal journal) {
        long puts = 0, deletes = 0, bytes = 0, skipped = 0;
        List<String> applied = new ArrayList<>();
        for (ManifestFile m : st.plan.points().subList(1, st.plan.points().size())) {
            ObjectRestorer r = new ObjectRestorer(backup.container(config.backup().container()), st.env.account(),
                    m.header().chainId(), pool, req.parallelism(), progress, "replay", journal, st.mismatches);
            int seq = m.header().seq();
            try (Stream<ManifestEntry> entries = m.entries()) {
                // KEEP entries need no work; only changes since the previous point are applied, in point order.
                entries.filter(e -> e.op() != ManifestEntry.Op.KEEP).forEach(e -> r.apply(e, seq));
            }
            r.awaitAll(); // a point must be fully applied before the next one: the same object may change again
            puts += r.objects.get();
            bytes += r.bytes.get();
            deletes += r.deletes.get();
            skipped += r.skipped.get();
            applied.add(m.pointId());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("points", applied);
        d.put("puts", puts);
        d.put("deletes", deletes);
        d.put("bytes", bytes);
        d.put("resumedSkipped", skipped);
        return d;
    }

    private Map<String, Object> verify(State st, DrillRequest req, ExecutorService pool, Runner run) {
        ManifestFile point = st.plan.recoveryPoint();
        List<Future<Mismatch>> checks = new ArrayList<>();
        long metadataBad = 0;
        long[] counts = new long[3]; // expected, present, bytes
        List<Mismatch> structural = new ArrayList<>();
        try (Stream<ManifestEntry> entries = point.entries()) {
            Iterator<ManifestEntry> exp = entries.filter(ManifestEntry::live).iterator();
            ManifestEntry e = exp.hasNext() ? exp.next() : null;
            for (String container : containers(st)) {
                ListBlobsOptions opts = new ListBlobsOptions().setDetails(new BlobListDetails().setRetrieveMetadata(true));
                for (BlobItem b : st.env.account().container(container).listBlobs(opts, null)) {
                    while (e != null && ManifestEntry.compareKeys(e.container(), e.name(), container, b.getName()) < 0) {
                        counts[0]++;
                        structural.add(new Mismatch(e.path(), "missing after restore"));
                        e = exp.hasNext() ? exp.next() : null;
                    }
                    if (e != null && e.container().equals(container) && e.name().equals(b.getName())) {
                        counts[0]++;
                        ManifestEntry want = e;
                        long size = b.getProperties().getContentLength();
                        if (req.fullVerify()) {
                            checks.add(pool.submit(() -> {
                                var got = VerifiedCopier.hash(st.env.account().container(container).getBlobClient(want.name()));
                                if (got.size() != want.size() || !got.sha256().equals(want.sha256())) {
                                    return new Mismatch(want.path(), "restored content differs from the manifest (size "
                                            + got.size() + " vs " + want.size() + ")");
                                }
                                return null;
                            }));
                        } else {
                            String sha = b.getMetadata() == null ? null : b.getMetadata().get(ObjectRestorer.SHA_METADATA);
                            if (size != want.size() || !want.sha256().equals(sha)) {
                                metadataBad++;
                                structural.add(new Mismatch(want.path(), "restored object's recorded hash or size differs from the manifest"));
                            }
                        }
                        counts[1]++;
                        counts[2] += size;
                        e = exp.hasNext() ? exp.next() : null;
                    } else {
                        structural.add(new Mismatch(container + "/" + b.getName(), "present after restore but not in the recovery point"));
                    }
                }
            }
            while (e != null) {
                counts[0]++;
                structural.add(new Mismatch(e.path(), "missing after restore"));
                e = exp.hasNext() ? exp.next() : null;
            }
        }
        List<Mismatch> contentMismatches = new ArrayList<>();
        for (Future<Mismatch> f : checks) {
            try {
                Mismatch m = f.get();
                if (m != null) contentMismatches.add(m);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StorageError("interrupted during verification");
            } catch (java.util.concurrent.ExecutionException ex) {
                Throwable c = ex.getCause();
                if (c instanceof RuntimeException re) throw re;
                throw new StorageError("verification failed: " + c);
            }
        }
        // Objects whose backup copy was corrupt were never committed: they show up here as missing too;
        // report each object once, with the most specific reason.
        Map<String, Mismatch> byObject = new TreeMap<>();
        for (Mismatch m : structural) byObject.putIfAbsent(m.object(), m);
        for (Mismatch m : contentMismatches) byObject.put(m.object(), m);
        for (Mismatch m : st.mismatches) byObject.put(m.object(), m);
        st.mismatches.clear();
        st.mismatches.addAll(byObject.values());
        st.expected = counts[0];
        st.restored = counts[1] - contentMismatches.size() - metadataBad;
        st.restoredBytes = counts[2];
        for (Mismatch m : byObject.values()) {
            String service = serviceOf(m.object());
            st.mismatchesPerService.merge(service, 1L, Long::sum);
        }
        // The RTO clock stops when the data is proven good; the loss analysis below is bookkeeping.
        st.verifiedAt = run.now();
        st.verified = true;
        measureLoss(st);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", req.fullVerify() ? "full (every object re-read and hashed)" : "metadata (recorded hashes and sizes)");
        d.put("objectsExpected", st.expected);
        d.put("objectsRestored", st.restored);
        d.put("mismatches", st.mismatches.size());
        d.put("objectsLost", st.lost);
        d.put("bytesLost", st.lostBytes);
        return d;
    }

    /**
     * Data lost = objects that existed in production at T0 (last modified at or before T0) that the recovery
     * point does not hold in that version. Objects modified after T0 cannot be judged and are counted apart.
     */
    private void measureLoss(State st) {
        ManifestFile point = st.plan.recoveryPoint();
        try (Stream<ManifestEntry> entries = point.entries()) {
            Iterator<ManifestEntry> exp = entries.filter(ManifestEntry::live).iterator();
            ManifestEntry e = exp.hasNext() ? exp.next() : null;
            for (String container : config.productionContainers()) {
                BlobContainerClient prod = production.container(container);
                try {
                    if (!prod.exists()) continue;
                } catch (BlobStorageException ex) {
                    throw new StorageError("cannot read production container " + container + " to measure data loss ("
                            + ex.getStatusCode() + " " + ex.getErrorCode() + ")", ex);
                }
                for (BlobItem b : prod.listBlobs()) {
                    while (e != null && ManifestEntry.compareKeys(e.container(), e.name(), container, b.getName()) < 0) {
                        e = exp.hasNext() ? exp.next() : null;
                    }
                    boolean inPoint = e != null && e.container().equals(container) && e.name().equals(b.getName());
                    Instant modified = b.getProperties().getLastModified().toInstant();
                    boolean sameVersion = inPoint && Objects.equals(e.etag(), b.getProperties().getETag());
                    if (modified.isAfter(st.t0)) {
                        if (!sameVersion) st.writtenAfter++;
                    } else if (!sameVersion) {
                        st.lost++;
                        st.lostBytes += b.getProperties().getContentLength();
                        if (st.lostNames.size() < NAME_SAMPLE) st.lostNames.add(container + "/" + b.getName());
                        st.lostPerService.merge(serviceOf(container + "/" + b.getName()), 1L, Long::sum);
                    }
                }
            }
        }
    }

    private String serviceOf(String object) {
        String container = object.substring(0, object.indexOf('/'));
        return config.serviceOf(container).map(ServiceConfig::name).orElse("(undeclared)");
    }

    // ---------------------------------------------------------------- report

    private DrillReport assemble(DrillRequest req, State st, List<StepRecord> steps, String abort, Instant startedAt,
                                 Instant finishedAt, List<RunRecord> previousRuns, long retriesAtStart) {
        Instant watermark = st.plan == null ? null : st.plan.recoveryPoint().header().watermark();
        Duration rpo = watermark == null ? null : Duration.between(watermark, st.t0);
        Duration rto = st.verifiedAt == null ? null : Duration.between(st.t0, st.verifiedAt);
        Map<String, ObjectiveEvaluator.ServiceIntegrity> integrity = null;
        if (st.verified) {
            integrity = new LinkedHashMap<>();
            for (ServiceConfig s : config.services()) {
                integrity.put(s.name(), new ObjectiveEvaluator.ServiceIntegrity(
                        st.lostPerService.getOrDefault(s.name(), 0L), st.mismatchesPerService.getOrDefault(s.name(), 0L)));
            }
        }
        List<ObjectiveResult> results = ObjectiveEvaluator.evaluate(config.services(), req.scenario(), rto, rpo, integrity);
        Objectives objectives = ObjectiveEvaluator.headline(config.services(), req.scenario());
        List<Finding> findings = new ArrayList<>(st.findings);
        for (ObjectiveResult r : results) {
            if (!r.met() && r.measured() != null) {
                findings.add(new Finding(Finding.Severity.BLOCKING, "OBJECTIVE_MISSED_" + r.kind(),
                        r.service() + ": " + r.kind() + " " + r.detail(), fixFor(r)));
            }
        }
        if (!production.serverEnforced() || !backup.serverEnforced()) {
            findings.add(new Finding(Finding.Severity.INFO, "READ_ONLY_BY_CODE",
                    "production or backup was opened with a credential drp cannot narrow; the drill only read it, but the service did not enforce read-only",
                    "Give drills a read+list SAS (or the Storage Blob Data Reader role) on production and backup."));
        }
        Verdict verdict;
        String reason;
        long mismatches = st.mismatches.size();
        if (abort != null) {
            verdict = Verdict.ABORTED;
            reason = abort;
        } else if (results.stream().allMatch(ObjectiveResult::met)
                && findings.stream().noneMatch(f -> f.severity() == Finding.Severity.BLOCKING)) {
            verdict = Verdict.PASSED;
            reason = "every objective met";
        } else {
            verdict = Verdict.FAILED;
            List<String> missed = new ArrayList<>();
            results.stream().filter(r -> !r.met()).forEach(r -> missed.add(r.service() + " " + r.kind()));
            findings.stream().filter(f -> f.severity() == Finding.Severity.BLOCKING && f.code().equals("BROKEN_BACKUP"))
                    .forEach(f -> missed.add("broken backup"));
            reason = "missed: " + String.join(", ", missed);
            if (mismatches > 0) {
                reason += "; " + mismatches + " object(s) not restored exactly, first: " + st.mismatches.peek();
            }
        }
        List<String> mismatchNames = st.mismatches.stream().limit(NAME_SAMPLE).map(Mismatch::toString).toList();
        Integrity integ = new Integrity(st.expected, st.restored, st.restoredBytes, mismatches, mismatchNames,
                st.lost, st.lostBytes, st.lostNames, st.writtenAfter);
        Measured measured = new Measured(st.t0, st.plan == null ? null : st.plan.recoveryPoint().pointId(), watermark,
                st.verifiedAt, rto == null ? null : ObjectiveEvaluator.seconds(rto), rpo == null ? null : ObjectiveEvaluator.seconds(rpo));
        List<ManifestEvidence> manifests = new ArrayList<>();
        if (st.plan != null) {
            for (ManifestFile m : st.plan.points()) {
                manifests.add(new ManifestEvidence(m.pointId(), m.header().kind().name(), m.header().watermark(),
                        m.trailer().liveObjects(), m.trailer().liveBytes(), m.trailer().deletes(), m.sha256()));
            }
        }
        Evidence evidence = new Evidence(drpVersion, String.valueOf(config.file()), config.sha256(),
                config.recovery().stack(), target.describe(), production.endpoint(), backup.endpoint(),
                st.env == null ? null : st.env.account().endpoint(), manifests);
        List<RunRecord> runs = new ArrayList<>(previousRuns);
        runs.add(new RunRecord(previousRuns.size() + 1, startedAt, finishedAt, verdict,
                previousRuns.isEmpty() ? null : "resumed; already verified copies were not repeated"));
        Instant firstStart = previousRuns.isEmpty() ? startedAt : previousRuns.get(0).startedAt();
        return new DrillReport(DrillReport.SCHEMA_VERSION, req.drillId(), verdict, redactor.redact(reason), firstStart, finishedAt,
                objectives, measured, results, steps, integ, evidence, redactFindings(findings), runs,
                transientRetries.getAsLong() - retriesAtStart);
    }

    private List<Finding> redactFindings(List<Finding> findings) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(new Finding(f.severity(), f.code(), redactor.redact(f.message()), f.fix()));
        }
        return Collections.unmodifiableList(out);
    }

    private static String fixFor(ObjectiveResult r) {
        return switch (r.kind()) {
            case RPO -> "Back up more often (backup.incrementalEvery) or check that the scheduled backup job is running.";
            case RTO -> "Shorten recovery: raise drill.parallelism, use metadata verification for very large sets, or revisit the objective.";
            case INTEGRITY -> "Check the mismatched and lost objects listed under integrity; corrupt backups must be re-taken.";
        };
    }
}
