package io.drp.recovery;

import io.drp.backup.ManifestEntry;
import io.drp.backup.ManifestFile;
import io.drp.pipeline.Step;
import io.drp.pipeline.Timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

/**
 * Steps 3 and 4: copy the full snapshot, then replay each incremental's puts and deletes in point order.
 * One class for both so a drill and a real recovery, and the full and the incrementals, share every copy rule.
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

    @Override
    public Map<String, Object> run(RecoveryState st, Timeline timeline) {
        List<ManifestFile> points = fullSnapshot ? List.of(st.plan.full()) : st.plan.points().subList(1, st.plan.points().size());
        long puts = 0, deletes = 0, bytes = 0, skipped = 0;
        List<String> applied = new ArrayList<>();
        for (ManifestFile m : points) {
            ObjectRestorer r = new ObjectRestorer(ctx.backupContainer(), st.environment.account(), m.header().chainId(), pool,
                    st.request.parallelism(), ctx.progress(), name, journal, st.copyMismatches, st.request.scope(),
                    st.request.kind() == RunKind.RESTORE, st.guard);
            int seq = m.header().seq();
            try (Stream<ManifestEntry> entries = m.entries()) {
                // KEEP entries of an incremental need no work: their bytes were applied with an earlier point.
                entries.filter(e -> (fullSnapshot || e.op() != ManifestEntry.Op.KEEP) && st.request.scope().includes(e))
                        .forEach(e -> r.apply(e, seq));
            }
            r.awaitAll(); // a point must be fully applied before the next one: the same object may change again
            puts += r.objects.get();
            bytes += r.bytes.get();
            deletes += r.deletes.get();
            skipped += r.skipped.get();
            applied.add(m.pointId());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        if (fullSnapshot) {
            d.put("point", applied.get(0));
            d.put("objects", puts);
        } else {
            d.put("points", applied);
            d.put("puts", puts);
            d.put("deletes", deletes);
        }
        d.put("bytes", bytes);
        d.put("resumedSkipped", skipped);
        if (fullSnapshot) d.put("hashMismatches", st.copyMismatches.size());
        return d;
    }
}
