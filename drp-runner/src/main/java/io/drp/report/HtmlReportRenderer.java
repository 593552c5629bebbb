package io.drp.report;

import com.github.mustachejava.Mustache;
import io.drp.model.DrillReport;
import io.drp.model.Evidence;
import io.drp.model.Finding;
import io.drp.model.Integrity;
import io.drp.model.ManifestEvidence;
import io.drp.model.Measured;
import io.drp.model.ObjectiveResult;
import io.drp.model.Objectives;
import io.drp.model.RunRecord;
import io.drp.model.StepRecord;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code drill-report.html}: one self-contained page (inline CSS and SVG, no script, no fetch) for auditors,
 * readable on screen and printed to PDF. Rendered with Mustache.java from {@code report/drill-report.html.mustache};
 * Mustache escapes every value, so object names from storage cannot inject markup.
 */
public final class HtmlReportRenderer {

    private static final Mustache TEMPLATE = new XhtmlMustacheFactory().compile("report/drill-report.html.mustache");

    private HtmlReportRenderer() {}

    public static String render(DrillReport r) {
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, model(r));
        return out.toString();
    }

    static Map<String, Object> model(DrillReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drillId", r.drillId());
        boolean restore = LossText.isRestore(r);
        m.put("runKind", restore ? "restore" : "drill");
        m.put("t0Label", restore ? "Incident start (T0)" : "Disaster declared (T0)");
        m.put("ranLabel", restore ? "Restore ran" : "Drill ran");
        if (r.restore() != null) {
            var x = r.restore();
            Map<String, Object> rs = new LinkedHashMap<>();
            rs.put("destination", x.destination());
            rs.put("account", x.account());
            rs.put("containers", String.join(", ", x.containers()));
            rs.put("prefix", x.prefix() == null || x.prefix().isEmpty() ? null : x.prefix());
            rs.put("renames", x.renamed().isEmpty() ? null : x.renamed().toString());
            rs.put("replaced", x.overwrite() ? x.replacedObjects() + " (--overwrite)" : "none (--overwrite not given)");
            m.put("restore", rs);
        }
        m.put("verdict", r.verdict().name());
        m.put("verdictClass", r.verdict().name().toLowerCase(Locale.ROOT));
        m.put("verdictReason", r.verdictReason());
        m.put("startedAt", str(r.startedAt()));
        m.put("finishedAt", str(r.finishedAt()));
        m.put("schemaVersion", r.schemaVersion());
        Measured me = r.measured();
        m.put("disasterAt", me == null ? "-" : str(me.disasterAt()));
        m.put("recoveryPoint", me == null || me.recoveryPoint() == null ? "none" : me.recoveryPoint());
        m.put("watermark", me == null ? "-" : str(me.recoveryPointWatermark()));
        m.put("rto", me == null ? "-" : secs(me.rtoSeconds()));
        m.put("planInstants", PlanLines.instants(r));
        m.put("rpo", me == null ? "-" : secs(me.rpoSeconds()));
        Objectives o = r.objectives();
        m.put("incident", ScenarioLines.scenario(o));
        m.put("t0Name", ScenarioLines.instant(r));
        String window = me == null ? null : ScenarioLines.window(me.serviceWindow());
        m.put("serviceWindow", window == null ? "not recorded" : window);
        if (o != null) {
            m.put("scenario", o.scenario());
            m.put("slo", String.format(Locale.ROOT, "%.3f%%", o.sloPercent()));
            double budget = o.monthlyErrorBudgetMinutes();
            m.put("budgetMinutes", String.format(Locale.ROOT, "%.1f min", budget));
            if (me != null && me.rtoSeconds() != null) {
                double used = me.rtoSeconds() / 60.0 / budget * 100.0;
                m.put("budgetUsed", String.format(Locale.ROOT, "%.1f%%", used));
                m.put("budgetClass", used <= 100 ? "met" : "missed");
            } else {
                m.put("budgetUsed", "not measured");
                m.put("budgetClass", "missed");
            }
        }
        List<Map<String, Object>> objectives = new ArrayList<>();
        for (ObjectiveResult x : r.objectiveResults()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", x.service());
            row.put("kind", x.kind().name());
            row.put("target", fmt(x.target(), x.unit()));
            row.put("measured", x.measured() == null ? "not measured" : fmt(x.measured(), x.unit()));
            row.put("status", x.outcome());
            row.put("statusClass", x.outcome().replace(' ', '-'));
            row.put("detail", x.detail());
            objectives.add(row);
        }
        m.put("objectives", objectives);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepRecord s : r.steps()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("status", s.status().name());
            row.put("statusClass", s.status().name().toLowerCase(Locale.ROOT));
            row.put("started", str(s.startedAt()));
            row.put("duration", ReadableDuration.of(s.durationSeconds()));
            StringBuilder d = new StringBuilder();
            s.details().forEach((k, v) -> d.append(d.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            if (s.message() != null) d.append(d.length() == 0 ? "" : "; ").append(s.message());
            row.put("details", d.toString());
            steps.add(row);
            if (s.name().equals("service")) steps.addAll(PlanLines.htmlRows(r));
        }
        m.put("steps", steps);
        m.put("chartSvg", TimelineChart.svg(r, ChartWidth.PIXELS));
        Integrity i = r.integrity();
        m.put("objectsExpected", i.objectsExpected());
        m.put("objectsRestored", i.objectsRestored());
        m.put("bytesRestored", i.bytesRestored());
        m.put("mismatches", i.mismatches());
        m.put("mismatchedObjects", i.mismatchReasons().isEmpty() ? i.mismatchedObjects()
                : i.mismatchReasons().stream().map(x -> x.object() + " (" + x.reason() + ")").toList());
        m.put("objectsLost", LossText.of(i));
        m.put("lostObjects", i.lostObjects());
        m.put("writtenAfter", i.objectsWrittenAfterDisaster());
        m.put("controls", ControlsSection.html(r.controls()));
        Evidence e = r.evidence();
        if (e != null) {
            m.put("evidence", e);
            List<Map<String, Object>> manifests = new ArrayList<>();
            for (ManifestEvidence me2 : e.manifests()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pointId", me2.pointId());
                row.put("kind", me2.kind());
                row.put("watermark", str(me2.watermark()));
                row.put("objects", me2.objects());
                row.put("bytes", me2.bytes());
                row.put("deletions", me2.deletions());
                row.put("sha256", me2.manifestSha256());
                row.put("consistency", me2.consistency() == null ? "not recorded" : me2.consistency());
                manifests.add(row);
            }
            m.put("manifests", manifests);
        }
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            findings.add(Map.of("severity", f.severity().name(), "severityClass", f.severity().name().toLowerCase(Locale.ROOT),
                    "code", f.code(), "message", f.message(), "fix", f.fix() == null ? "" : f.fix()));
        }
        m.put("findings", findings);
        m.put("hasFindings", !findings.isEmpty());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunRecord run : r.runs()) {
            runs.add(Map.of("run", run.run(), "started", str(run.startedAt()), "finished", str(run.finishedAt()),
                    "outcome", run.outcome().name(), "note", run.note() == null ? "" : run.note()));
        }
        m.put("runs", runs);
        m.put("transientRetries", r.transientRetries());
        return m;
    }

    private static String str(Object o) {
        if (o instanceof java.time.Instant t) return DisplayTime.of(t);
        return o == null ? "-" : o.toString();
    }

    private static String secs(Double d) {
        return d == null ? "not measured" : ReadableDuration.of(d);
    }

    /** An objective's target or measurement for people: durations in their units, counts with theirs. */
    static String fmt(double v, String unit) {
        if ("seconds".equals(unit)) return ReadableDuration.of(v);
        return String.format(Locale.ROOT, "%.0f %s", v, unit);
    }
}
