package io.drp.report;

import com.github.mustachejava.Mustache;
import io.drp.model.HistoryRun;
import io.drp.model.LedgerHistory;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code history.html}: every drill and restore of one ledger on one self-contained page (inline CSS and SVG, no
 * script, no fetch), like the drill report. The page links each run's archived report by the relative path
 * {@code archive/<sha256>.json}, so the report directory can be copied or published as a whole.
 */
public final class HistoryPageRenderer {

    public static final String FILE_NAME = "history.html";
    public static final String PDF_FILE_NAME = "history.pdf";

    private static final Mustache TEMPLATE = new XhtmlMustacheFactory().compile("report/history.html.mustache");

    private HistoryPageRenderer() {}

    public static String render(LedgerHistory h) {
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, model(h));
        return out.toString();
    }

    static Map<String, Object> model(LedgerHistory h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ledger", h.ledger());
        m.put("generatedAt", h.generatedAt().toString());
        LedgerHistory.Verification v = h.verification();
        m.put("intact", v.intact());
        m.put("ledgerClass", v.intact() ? "met" : "missed");
        m.put("ledgerStatus", v.intact()
                ? "intact: " + v.records() + " record(s), every hash and link verified"
                        + (v.signaturesChecked() ? ", every signature checked" : "")
                : "BROKEN at " + v.problem() + "; the records from there on are unverified and not shown (" + h.runs().size()
                        + " verified run(s) before it)");
        m.put("signaturesNote", v.signaturesChecked() ? null : v.signing().equals("unsigned")
                ? "unsigned (set DRP_LEDGER_SIGNING_KEY_FILE on the drill host to sign records)"
                : v.signing() + "; list the key in ledger.publicKeys or pass --public-key FILE");
        List<HistoryRun> runs = h.runs();
        m.put("hasRuns", !runs.isEmpty());
        m.put("passRate", passRate(h.passed(), runs.size()));
        List<HistoryRun> drills = runs.stream().filter(HistoryRun::drill).toList();
        List<HistoryRun> restores = runs.stream().filter(r -> !r.drill()).toList();
        m.put("drillPassRate", passRate(drills.stream().filter(r -> r.verdict() == io.drp.model.Verdict.PASSED).count(), drills.size()));
        m.put("restorePassRate", passRate(restores.stream().filter(r -> r.verdict() == io.drp.model.Verdict.PASSED).count(), restores.size()));
        List<Map<String, Object>> last = new ArrayList<>();
        for (LedgerHistory.LastDrill l : h.lastDrillPerScenario()) {
            last.add(Map.of("scenario", l.scenario(), "drillId", l.run().drillId(), "verdict", l.run().verdict().name(),
                    "verdictClass", l.run().verdict().name().toLowerCase(Locale.ROOT), "finishedAt", str(l.run().finishedAt()),
                    "age", l.age() == null ? "-" : ReadableDuration.of(l.age().toMillis() / 1000.0) + " ago"));
        }
        m.put("lastDrills", last);
        m.put("hasLastDrills", !last.isEmpty());
        if (!runs.isEmpty()) {
            m.put("rtoChart", HistoryChart.svg("drp-history-rto", "RTO", runs, HistoryRun::rtoSeconds, HistoryRun::rtoObjectiveSeconds, ChartWidth.PIXELS));
            m.put("rpoChart", HistoryChart.svg("drp-history-rpo", "RPO", runs, HistoryRun::rpoSeconds, HistoryRun::rpoObjectiveSeconds, ChartWidth.PIXELS));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HistoryRun r : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", r.seq());
            row.put("kind", r.kind());
            row.put("drillId", r.drillId());
            row.put("verdict", r.verdict().name());
            row.put("verdictClass", r.verdict().name().toLowerCase(Locale.ROOT));
            row.put("scenario", r.scenario() == null ? "-" : r.scenario());
            row.put("finishedAt", str(r.finishedAt()));
            row.put("rto", duration(r.rtoSeconds()));
            row.put("rtoObjective", duration(r.rtoObjectiveSeconds()));
            row.put("rtoClass", against(r.rtoSeconds(), r.rtoObjectiveSeconds()));
            row.put("rpo", duration(r.rpoSeconds()));
            row.put("rpoObjective", duration(r.rpoObjectiveSeconds()));
            row.put("rpoClass", against(r.rpoSeconds(), r.rpoObjectiveSeconds()));
            if (r.archive() == HistoryRun.Archive.ARCHIVED) row.put("link", "archive/" + r.reportSha256() + ".json");
            row.put("archiveNote", switch (r.archive()) {
                case ARCHIVED -> null;
                case MISSING -> "not archived here";
                case ALTERED -> "ALTERED: the archived report no longer matches its ledger record";
            });
            row.put("archiveClass", r.archive() == HistoryRun.Archive.ALTERED ? "missed" : "muted");
            rows.add(row);
        }
        m.put("runs", rows);
        return m;
    }

    private static String passRate(long passed, int of) {
        if (of == 0) return "none recorded";
        return String.format(Locale.ROOT, "%d of %d passed (%.0f%%)", passed, of, 100.0 * passed / of);
    }

    private static String against(Double measured, Double objective) {
        if (measured == null || objective == null) return "";
        return measured <= objective ? "met" : "missed";
    }

    private static String duration(Double seconds) {
        return seconds == null ? "-" : ReadableDuration.of(seconds);
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }
}
