package io.drp.report;

import io.drp.model.DrillReport;
import io.drp.model.ObjectiveResult;
import io.drp.model.ResourceOperation;
import io.drp.model.StepRecord;
import io.drp.model.StepStatus;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code drill-report.junit.xml}: one test case per objective and per step, so CI systems (Jenkins, GitLab,
 * Azure DevOps, GitHub) show a missed objective as a failed test and an aborted step as an error, natively. A Pulumi
 * rebuild adds a suite with one test case per resource operation, a failed resource being a failure named after it; the
 * negative controls a suite with one test case per planted fault, one the verifier did not catch being a failure.
 */
public final class JunitReportRenderer {

    private JunitReportRenderer() {}

    /** An objective the run never measured because it stopped first (an unmeasured loss after an exact restore is met). */
    private static boolean notReached(ObjectiveResult o) {
        return !o.met() && o.measured() == null;
    }

    /** The figures on every case, passing ones included, so a dashboard can chart them from the JUnit file alone. */
    private static void objectiveProperties(XMLStreamWriter x, ObjectiveResult o) throws XMLStreamException {
        x.writeStartElement("properties");
        property(x, "target", value(o.target(), o.unit()));
        property(x, "measured", o.measured() == null ? "not measured" : value(o.measured(), o.unit()));
        property(x, "outcome", o.outcome());
        x.writeEndElement();
    }

    public static String render(DrillReport r) {
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(sw);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            List<ObjectiveResult> objectives = r.objectiveResults();
            // a figure the run never reached is an error (the run aborted), not a measured miss: it matches exit 3
            long objErrors = objectives.stream().filter(JunitReportRenderer::notReached).count();
            long objFailures = objectives.stream().filter(o -> !o.met()).count() - objErrors;
            long stepFailures = r.steps().stream().filter(s -> s.status() == StepStatus.FAILED).count();
            long stepErrors = r.steps().stream().filter(s -> s.status() == StepStatus.ABORTED).count();
            long stepSkipped = r.steps().stream().filter(s -> s.status() == StepStatus.SKIPPED).count();
            double total = r.steps().stream().mapToDouble(StepRecord::durationSeconds).sum();
            List<StepRecord> rebuilt = r.steps().stream().filter(st -> !ResourceOperation.of(st).isEmpty()).toList();
            long resources = rebuilt.stream().mapToLong(st -> ResourceOperation.of(st).size()).sum();
            long resourceFailures = rebuilt.stream().flatMap(st -> ResourceOperation.of(st).stream()).filter(ResourceOperation::failed).count();

            x.writeStartElement("testsuites");
            x.writeAttribute("name", "drp drill " + r.drillId());
            x.writeAttribute("tests", Long.toString(objectives.size() + r.steps().size() + resources + PlanLines.cases(r)
                    + ControlsSection.tests(r.controls())));
            x.writeAttribute("failures", Long.toString(objFailures + stepFailures + resourceFailures + ControlsSection.failures(r.controls())));
            x.writeAttribute("errors", Long.toString(stepErrors + objErrors));
            x.writeAttribute("skipped", Long.toString(stepSkipped + ControlsSection.skipped(r.controls())));
            x.writeAttribute("time", secs(total));
            x.writeCharacters("\n  ");

            x.writeStartElement("testsuite");
            x.writeAttribute("name", "drp.objectives");
            x.writeAttribute("tests", Integer.toString(objectives.size()));
            x.writeAttribute("failures", Long.toString(objFailures));
            x.writeAttribute("errors", Long.toString(objErrors));
            x.writeAttribute("skipped", "0");
            x.writeAttribute("timestamp", String.valueOf(r.startedAt()));
            x.writeCharacters("\n    ");
            writeProperties(x, r);
            for (ObjectiveResult o : objectives) {
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "drp.objectives." + o.service());
                x.writeAttribute("name", o.kind() + " " + o.scenario());
                x.writeAttribute("time", "0");
                objectiveProperties(x, o);
                if (notReached(o)) {
                    element(x, "error", "NotMeasured", o.kind() + " target " + value(o.target(), o.unit()) + ", not measured: "
                            + (o.detail() == null ? "the run did not get that far" : o.detail()));
                } else if (!o.met()) {
                    x.writeStartElement("failure");
                    x.writeAttribute("type", "ObjectiveMissed");
                    x.writeAttribute("message", o.kind() + " target " + value(o.target(), o.unit()) + ", measured "
                            + (o.measured() == null ? "nothing" : value(o.measured(), o.unit())));
                    x.writeCharacters(o.detail() == null ? "" : o.detail());
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeCharacters("\n    ");
            }
            x.writeEndElement();
            x.writeCharacters("\n  ");

            x.writeStartElement("testsuite");
            x.writeAttribute("name", "drp.steps");
            x.writeAttribute("tests", Integer.toString(r.steps().size()));
            x.writeAttribute("failures", Long.toString(stepFailures));
            x.writeAttribute("errors", Long.toString(stepErrors));
            x.writeAttribute("skipped", Long.toString(stepSkipped));
            x.writeAttribute("time", secs(total));
            x.writeCharacters("\n    ");
            for (StepRecord s : r.steps()) {
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "drp.steps");
                x.writeAttribute("name", s.name());
                x.writeAttribute("time", secs(s.durationSeconds()));
                switch (s.status()) {
                    case FAILED -> element(x, "failure", "StepFailed", s.message());
                    case ABORTED -> element(x, "error", "StepAborted", s.message());
                    case SKIPPED -> element(x, "skipped", null, s.message());
                    case SUCCEEDED -> { }
                }
                x.writeEndElement();
                x.writeCharacters("\n    ");
            }
            x.writeEndElement();
            for (StepRecord st : rebuilt) ResourceCases.write(x, st);
            PlanLines.junit(x, r);
            ControlsSection.junit(x, r.controls());
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return XmlText.clean(sw + "\n"); // names with control characters stay well-formed XML
    }

    private static void writeProperties(XMLStreamWriter x, DrillReport r) throws XMLStreamException {
        x.writeStartElement("properties");
        property(x, "drp.verdict", r.verdict().name());
        property(x, "drp.drillId", r.drillId());
        if (r.measured() != null) {
            property(x, "drp.rtoSeconds", String.valueOf(r.measured().rtoSeconds()));
            property(x, "drp.rpoSeconds", String.valueOf(r.measured().rpoSeconds()));
            property(x, "drp.recoveryPoint", String.valueOf(r.measured().recoveryPoint()));
            var w = r.measured().serviceWindow();
            if (w != null) {
                property(x, "drp.serviceWindow", w.inside() ? "inside" : "outside");
                property(x, "drp.serviceWindowName", String.valueOf(w.window()));
                property(x, "drp.nextServiceWindowOpensAt", String.valueOf(w.nextOpensAt()));
                property(x, "drp.serviceWindowLine", ScenarioLines.window(r));
            }
        }
        if (r.objectives() != null) {
            property(x, "drp.scenario", r.objectives().scenario());
            if (r.objectives().incidentLevel() != null) {
                property(x, "drp.incidentLevel", String.valueOf(r.objectives().incidentLevel()));
                property(x, "drp.incidentDescription", r.objectives().scenarioDescription());
            }
            property(x, "drp.scenarioLine", ScenarioLines.scenario(r.objectives()));
        }
        if (r.evidence() != null && r.evidence().copyMode() != null) property(x, "drp.copyMode", r.evidence().copyMode());
        x.writeEndElement();
        x.writeCharacters("\n    ");
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    private static void element(XMLStreamWriter x, String name, String type, String message) throws XMLStreamException {
        x.writeStartElement(name);
        if (type != null) x.writeAttribute("type", type);
        x.writeAttribute("message", message == null ? "" : message);
        x.writeEndElement();
    }

    /** JUnit XML is read by CI tools as well as people: seconds, exactly as in the JSON. */
    private static String value(double v, String unit) {
        return "seconds".equals(unit) ? secs(v) + " s" : String.format(Locale.ROOT, "%.0f %s", v, unit);
    }

    static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
