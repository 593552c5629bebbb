package io.drp.report;

import io.drp.model.ResourceOperation;
import io.drp.model.StepRecord;

import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The {@code drp.<step>.resources} suite of the JUnit XML: one test case per resource operation of a Pulumi rebuild,
 * timed, so a CI system lists which resource took how long, and a resource that failed is a failed test named after it.
 */
final class ResourceCases {

    private ResourceCases() {}

    static void write(XMLStreamWriter x, StepRecord step) throws XMLStreamException {
        List<ResourceOperation> ops = ResourceOperation.of(step);
        long failures = ops.stream().filter(ResourceOperation::failed).count();
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "drp." + step.name() + ".resources");
        x.writeAttribute("tests", Integer.toString(ops.size()));
        x.writeAttribute("failures", Long.toString(failures));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", JunitReportRenderer.secs(ops.stream().mapToDouble(ResourceOperation::durationSeconds).sum()));
        x.writeCharacters("\n    ");
        for (ResourceOperation o : ops) {
            x.writeStartElement("testcase");
            x.writeAttribute("classname", "drp." + step.name() + "." + o.type());
            x.writeAttribute("name", o.op() + " " + o.name());
            x.writeAttribute("time", JunitReportRenderer.secs(o.durationSeconds()));
            if (o.failed()) {
                x.writeStartElement("failure");
                x.writeAttribute("type", "ResourceFailed");
                // the provider's message is in the step's message, which was redacted; the details hold none
                x.writeAttribute("message", o.type() + " " + o.name() + " failed to " + o.op()
                        + (step.message() == null ? "" : ": " + step.message()));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeCharacters("\n    ");
        }
        x.writeEndElement();
    }
}
