package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;
import io.drp.storage.ServerCopier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Steps 3 and 4. The recovery point's manifest lists the whole state and, for each live object, the point that
 * holds its newest bytes. So each object is copied once: the restore step copies those whose bytes are in the
 * full snapshot, the replay step those whose newest bytes are in an incremental. An object rewritten in five
 * incrementals is copied once, and deletions need no work on an empty target. Drills and real recoveries share
 * this class, and so every copy rule.
 */
final class ApplyStep implements Step<RecoveryState> {

    private final String name;
    private final boolean fullSnapshot;
    private final RecoveryContext ctx;
    private final ExecutorService pool;
    private final RestoreJournal journal;

    private ApplyStep(String name, boolean fullSnapshot, RecoveryContext ctx, ExecutorService pool, RestoreJournal journal) {
        this.name = name;
        this.fullSnapshot = fullSnapshot;
        this.ctx = ctx;
        this.pool = pool;
        this.journal = journal;
    }

    static ApplyStep restore(RecoveryContext ctx, ExecutorService pool, RestoreJournal journal) {
        return new ApplyStep("restore", true, ctx, pool, journal);
    }

    static ApplyStep replay(RecoveryContext ctx, ExecutorService pool, RestoreJournal journal) {
        return new ApplyStep("replay", false, ctx, pool, journal);
    }

    @Override
    public String name() {
        return name;
    }

    /** Which live entries of the recovery point this step copies. */
    static Predicate<ManifestEntry> mine(boolean fullSnapshot, Scope scope) {
        return e -> e.live() && (e.dataSeq() == 0) == fullSnapshot && scope.includes(e);
    }

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        ManifestFile point = st.plan.recoveryPoint();
        Predicate<ManifestEntry> mine = mine(fullSnapshot, st.request.scope());
        long total;
        try (Stream<ManifestEntry> entries = point.entries()) {
            total = entries.filter(mine).count(); // the manifest is a local file: counting it first costs no request
        }
        if (st.copy == null) {
            st.copy = CopyChoice.decide(st.request.copyMode(), ctx.backup(), st.environment.account(),
                    st.request.restore() != null && st.request.restore().overwrite());
        }
        ObjectRestorer r = new ObjectRestorer(ctx.backupContainer(), st.environment.account(), point.header().chainId(), pool,
                st.request.parallelism(), ctx.progress(), name, total, journal, st.copyMismatches, st.request.scope(), st.guard);
        if (st.copy.mode() == CopyMode.SERVER) r.serverSide(ServerCopier.standard(), ctx.backup().grant().orElseThrow());
        try (Stream<ManifestEntry> entries = point.entries()) {
            entries.filter(mine).forEach(r::copy);
        }
        r.awaitAll();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("copyMode", st.copy.mode().label());
        if (fullSnapshot) {
            d.put("point", st.plan.full().pointId());
            d.put("objects", r.objects.get());
        } else {
            List<ManifestFile> incrementals = st.plan.points().subList(1, st.plan.points().size());
            d.put("points", incrementals.stream().map(ManifestFile::pointId).toList());
            d.put("puts", r.objects.get());
            // what replaying every point in order would have done, and this step did not need to
            d.put("supersededPuts", incrementals.stream().mapToLong(m -> m.trailer().puts()).sum() - total);
            d.put("deletesNeedingNoWork", incrementals.stream().mapToLong(m -> m.trailer().deletes()).sum());
        }
        d.put("bytes", r.bytes.get());
        d.put("resumedSkipped", r.skipped.get());
        if (fullSnapshot) d.put("hashMismatches", st.copyMismatches.size());
        return d;
    }
}
