package io.drp.ledger;

import io.drp.config.LedgerConfig;
import io.drp.model.RebuildEstimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates a rebuild from the resource timings past drills left in the ledger: per {@code <op> <type>}, the
 * median of the recent past operations, times how many the preview plans. The median, because one slow
 * provisioning (an Azure region under load) should not move the estimate of every drill after it.
 */
public final class RebuildHistory {

    /** Records considered, newest first: Azure's provisioning times drift, so old drills say less. */
    static final int RECENT = 10;

    private RebuildHistory() {}

    /** From the verified records only: a forged record must not move an estimate either; a break is named in the estimate. */
    public static RebuildEstimate estimate(LedgerConfig ledger, List<String> planned) {
        LedgerRead read = new DrillLedger(ledger.dir(), Optional.empty()).read(LedgerKeys.configured(ledger, List.of()));
        RebuildEstimate e = estimate(read.records(), planned);
        return new RebuildEstimate(e.pastDrills(), e.lines(), read.unverifiedNote());
    }

    /** Without configured keys: signatures are not checked, hashes and links are. */
    static RebuildEstimate estimate(java.nio.file.Path ledgerDir, List<String> planned) {
        return estimate(new LedgerConfig(ledgerDir, null, LedgerConfig.defaults().retentionDays()), planned);
    }

    /** @param planned the preview's operations, {@code <op> <type> <name>} */
    static RebuildEstimate estimate(List<LedgerRecord> records, List<String> planned) {
        Map<String, List<Double>> past = new LinkedHashMap<>();
        int drills = 0;
        for (int i = records.size() - 1; i >= 0 && drills < RECENT; i--) {
            Map<String, List<Double>> seconds = records.get(i).resourceSeconds();
            if (seconds.isEmpty()) continue;
            drills++;
            seconds.forEach((k, v) -> past.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String op : planned) {
            String[] parts = op.split(" ", 3);
            if (parts.length >= 2) counts.merge(parts[0] + " " + parts[1], 1, Integer::sum);
        }
        List<RebuildEstimate.Line> lines = new ArrayList<>();
        counts.forEach((key, n) -> {
            List<Double> s = past.getOrDefault(key, List.of());
            int space = key.indexOf(' ');
            lines.add(new RebuildEstimate.Line(key.substring(0, space), key.substring(space + 1), n, s.size(), s.isEmpty() ? null : median(s)));
        });
        return new RebuildEstimate(drills, lines);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}
