package io.drp.report;

import io.drp.model.Controls;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's Controls section in every format: which faults were planted after verify and whether the verifier
 * caught each, or why none were planted. A report written before drp planted controls has none, and shows nothing.
 */
final class ControlsSection {

    private ControlsSection() {}

    /** One line: how many planted faults were caught, or why none were planted; null for a report without the section. */
    static String summary(Controls c) {
        if (c == null) return null;
        if (!c.ran()) return "No negative controls: " + c.notRunBecause() + ".";
        long caught = c.planted().stream().filter(Controls.Control::caught).count();
        return caught + " of " + c.planted().size() + " planted fault(s) caught by the verifier"
                + (caught == c.planted().size() ? "" : " (VERIFIER BLIND)") + ", in scratch container " + c.container()
                + (c.containerDeleted() ? " (deleted)" : " (NOT deleted)") + "; copied from " + c.source() + ".";
    }

    static Map<String, Object> html(Controls c) {
        if (c == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", summary(c));
        m.put("mode", c.mode());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Controls.Control x : c.planted()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fault", x.fault());
            row.put("object", x.object());
            row.put("planted", x.planted());
            row.put("expected", x.expected());
            row.put("result", x.caught() ? "caught" : "NOT caught");
            row.put("resultClass", x.caught() ? "met" : "missed");
            row.put("said", x.verifierSaid().isEmpty() ? "nothing" : String.join("; ", x.verifierSaid()));
            rows.add(row);
        }
        m.put("planted", rows);
        m.put("hasPlanted", !rows.isEmpty());
        return m;
    }

    /** Markdown: the summary line and one line per fault. */
    static String markdown(Controls c) {
        if (c == null) return "";
        StringBuilder md = new StringBuilder("\nControls: ").append(summary(c)).append('\n');
        for (Controls.Control x : c.planted()) {
            md.append("- ").append(x.caught() ? "caught" : "**NOT caught**").append(" `").append(x.fault()).append("`: planted ")
                    .append(x.planted()).append(", expected ").append(x.expected()).append("; the verifier said: ")
                    .append(x.verifierSaid().isEmpty() ? "nothing" : String.join("; ", x.verifierSaid())).append('\n');
        }
        return md.toString();
    }

    static int tests(Controls c) {
        return c == null ? 0 : c.ran() ? c.planted().size() : 1;
    }

    static long failures(Controls c) {
        return c == null ? 0 : c.planted().stream().filter(x -> !x.caught()).count();
    }

    static int skipped(Controls c) {
        return c != null && !c.ran() ? 1 : 0;
    }

    /** JUnit: a suite with one test case per planted fault, failed when it was not caught; skipped when none were planted. */
    static void junit(XMLStreamWriter x, Controls c) throws XMLStreamException {
        if (c == null) return;
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "drp.controls");
        x.writeAttribute("tests", Integer.toString(tests(c)));
        x.writeAttribute("failures", Long.toString(failures(c)));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", Integer.toString(skipped(c)));
        x.writeCharacters("\n    ");
        if (!c.ran()) {
            x.writeStartElement("testcase");
            x.writeAttribute("classname", "drp.controls");
            x.writeAttribute("name", "controls");
            x.writeAttribute("time", "0");
            x.writeStartElement("skipped");
            x.writeAttribute("message", c.notRunBecause() == null ? "" : c.notRunBecause());
            x.writeEndElement();
            x.writeEndElement();
            x.writeCharacters("\n    ");
        }
        for (Controls.Control p : c.planted()) {
            x.writeStartElement("testcase");
            x.writeAttribute("classname", "drp.controls");
            x.writeAttribute("name", p.fault() + " is caught");
            x.writeAttribute("time", "0");
            if (!p.caught()) {
                x.writeStartElement("failure");
                x.writeAttribute("type", "VerifierBlind");
                x.writeAttribute("message", "planted " + p.planted() + " in " + p.object() + ", expected " + p.expected()
                        + "; the verifier did not catch it");
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeCharacters("\n    ");
        }
        x.writeEndElement();
    }
}
