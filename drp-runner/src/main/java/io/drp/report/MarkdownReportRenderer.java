package io.drp.report;

import io.drp.model.DrillReport;
import io.drp.model.Finding;
import io.drp.model.Integrity;
import io.drp.model.ObjectiveResult;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;

import java.util.Locale;

/** {@code drill-report.md}: a short summary for pipeline summaries and pull-request comments. */
public final class MarkdownReportRenderer {

    private MarkdownReportRenderer() {}

    public static String render(DrillReport r) {
        StringBuilder md = new StringBuilder();
        String icon = switch (r.verdict()) {
            case PASSED -> "✅";
            case FAILED -> "❌";
            case ABORTED -> "⛔";
        };
        md.append("## ").append(icon).append(LossText.isRestore(r) ? " DR restore `" : " DR drill `").append(r.drillId()).append("`: **").append(r.verdict()).append("**\n\n");
        md.append(escape(r.verdictReason())).append("\n\n");
        if (r.restore() != null) {
            md.append("Restored into ").append(r.restore().destination()).append(" `").append(escape(r.restore().account()))
                    .append("`: ").append(escape(String.join(", ", r.restore().containers()))).append(".\n\n");
        }
        md.append("Scenario: ").append(escape(ScenarioLines.scenario(r.objectives()))).append(".\n\n");
        String window = ScenarioLines.window(r);
        if (window != null) md.append(escape(window)).append(".\n\n");
        if (r.measured() != null) {
            md.append(LossText.isRestore(r) ? "Incident start " : "Disaster at ").append(DisplayTime.of(r.measured().disasterAt())).append(", recovery point `")
                    .append(r.measured().recoveryPoint() == null ? "none" : r.measured().recoveryPoint()).append("`.\n\n");
        }
        String instants = PlanLines.instants(r);
        if (instants != null) md.append(escape(instants)).append(".\n\n");
        md.append("| service | objective | target | measured | result |\n|---|---|---|---|---|\n");
        for (ObjectiveResult o : r.objectiveResults()) {
            md.append("| ").append(escape(o.service())).append(" | ").append(o.kind()).append(" | ")
                    .append(HtmlReportRenderer.fmt(o.target(), o.unit())).append(" | ")
                    .append(o.measured() == null ? "not measured" : HtmlReportRenderer.fmt(o.measured(), o.unit())).append(" | ")
                    .append(o.met() ? o.outcome() : "**missed**").append(" |\n");
        }
        Integrity i = r.integrity();
        md.append(String.format(Locale.ROOT, "%nIntegrity: %d/%d objects restored exactly, %d mismatch(es), lost: %s.%n",
                i.objectsRestored(), i.objectsExpected(), i.mismatches(), LossText.of(i)));
        md.append(escape(ControlsSection.markdown(r.controls())));
        md.append("\nSteps: ");
        for (int k = 0; k < r.steps().size(); k++) {
            StepRecord s = r.steps().get(k);
            md.append(k == 0 ? "" : " → ").append(s.name()).append(' ').append(ReadableDuration.of(s.durationSeconds()));
            if (s.status() != StepStatus.SUCCEEDED) md.append(" (").append(s.status()).append(')');
        }
        md.append("\n");
        md.append(PlanLines.markdown(r));
        if (r.evidence() != null && r.evidence().copyMode() != null) {
            md.append("\nCopy mode: **").append(r.evidence().copyMode()).append("**, ").append(escape(r.evidence().copyModeReason())).append(".\n");
        }
        long blocking = r.findings().stream().filter(f -> f.severity() == Finding.Severity.BLOCKING).count();
        if (!r.findings().isEmpty()) {
            md.append("\n<details><summary>").append(r.findings().size()).append(" finding(s), ").append(blocking)
                    .append(" blocking</summary>\n\n");
            for (Finding f : r.findings()) {
                md.append("- **").append(f.severity()).append("** `").append(f.code()).append("`: ").append(escape(f.message()));
                if (f.fix() != null) md.append(" *Fix:* ").append(escape(f.fix()));
                md.append('\n');
            }
            md.append("\n</details>\n");
        }
        return md.toString();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
