package io.drp.report;

import io.drp.model.DrillReport;
import io.drp.model.PlanRecord;
import io.drp.model.PlanRecord.ActionRecord;
import io.drp.model.PlanRecord.GroupRecord;
import io.drp.model.StepStatus;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recovery plan in every human format: the two instants an auditor compares (data verified, service answered),
 * each group and action in order, and in JUnit one test case per action plus one per attempt that did not pass.
 */
final class PlanLines {

    private PlanLines() {}

    /** "Service answered at …; data verified at …", or null when no plan ran actions. */
    static String instants(DrillReport r) {
        if (r.plan() == null || r.measured() == null) return null;
        return "Service answered at " + (r.measured().serviceRestoredAt() == null ? "never (the plan did not complete)"
                : r.measured().serviceRestoredAt()) + " (the RTO ends here); data verified at " + r.measured().verifiedAt();
    }

    static String markdown(DrillReport r) {
        PlanRecord p = r.plan();
        if (p == null) return "";
        StringBuilder md = new StringBuilder("\nRecovery plan `").append(p.name()).append("`: ").append(p.status()).append(".\n\n");
        md.append("| group | action | kind | started | took | result |\n|---|---|---|---|---|---|\n");
        for (GroupRecord g : p.groups()) {
            for (ActionRecord a : g.actions()) {
                md.append("| ").append(g.name()).append(" | ").append(a.name()).append(" | ").append(a.kind()).append(' ').append(a.phase())
                        .append(" | ").append(a.startedAt() == null ? "" : a.startedAt()).append(" | ")
                        .append(ReadableDuration.of(a.durationSeconds()))
                        .append(a.waitedSeconds() == null || a.waitedSeconds() == 0 ? "" : " (" + ReadableDuration.of(a.waitedSeconds()) + " waiting for a person)")
                        .append(" | ").append(a.status()).append(a.message() == null ? "" : ": " + esc(a.message())).append(" |\n");
            }
        }
        return md.toString();
    }

    /** Timeline rows for the HTML report, one per action, after the service step. */
    static List<Map<String, Object>> htmlRows(DrillReport r) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (r.plan() == null) return rows;
        for (GroupRecord g : r.plan().groups()) {
            for (ActionRecord a : g.actions()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", "service › " + g.name() + " › " + a.name());
                row.put("status", a.status().name());
                row.put("statusClass", a.status().name().toLowerCase(Locale.ROOT));
                row.put("started", a.startedAt() == null ? "" : a.startedAt().toString());
                row.put("duration", ReadableDuration.of(a.durationSeconds()));
                String d = a.kind() + " (" + a.phase() + ")" + (a.message() == null ? "" : "; " + a.message())
                        + (a.waitedSeconds() == null ? "" : "; person waited " + ReadableDuration.of(a.waitedSeconds()))
                        + (a.log() == null ? "" : "; log " + a.log());
                row.put("details", d);
                rows.add(row);
            }
        }
        return rows;
    }

    static long cases(DrillReport r) {
        if (r.plan() == null) return 0;
        return r.plan().groups().stream().flatMap(g -> g.actions().stream()).mapToLong(a -> 1 + a.attempts().size()).sum();
    }

    /** A testsuite drp.plan: one case per action, one per attempt that did not pass (a flaky check is visible in CI). */
    static void junit(XMLStreamWriter x, DrillReport r) throws XMLStreamException {
        if (r.plan() == null) return;
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "drp.plan." + r.plan().name());
        x.writeAttribute("tests", Long.toString(cases(r)));
        x.writeCharacters("\n    ");
        for (GroupRecord g : r.plan().groups()) {
            for (ActionRecord a : g.actions()) {
                for (int i = 0; i < a.attempts().size(); i++) {
                    testcase(x, g, a.name() + " attempt " + (i + 1), 0, StepStatus.FAILED, a.attempts().get(i));
                }
                testcase(x, g, a.name(), a.durationSeconds(), a.status(), a.message());
            }
        }
        x.writeEndElement();
    }

    private static void testcase(XMLStreamWriter x, GroupRecord g, String name, double secs, StepStatus s, String message)
            throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", "drp.plan." + g.name());
        x.writeAttribute("name", name);
        x.writeAttribute("time", String.format(Locale.ROOT, "%.3f", secs));
        String msg = message == null ? "" : message;
        switch (s) {
            case FAILED -> el(x, "failure", "ActionFailed", msg);
            case ABORTED -> el(x, "error", "ActionAborted", msg);
            case SKIPPED -> el(x, "skipped", null, msg);
            case SUCCEEDED -> { }
        }
        x.writeEndElement();
        x.writeCharacters("\n    ");
    }

    private static void el(XMLStreamWriter x, String name, String type, String msg) throws XMLStreamException {
        x.writeStartElement(name);
        if (type != null) x.writeAttribute("type", type);
        x.writeAttribute("message", msg);
        x.writeEndElement();
    }

    private static String esc(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
