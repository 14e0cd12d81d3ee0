package io.kolladoctor.app.report;

import io.kolladoctor.checks.Check;
import io.kolladoctor.checks.Evidence;
import io.kolladoctor.checks.Finding;
import io.kolladoctor.checks.Status;
import io.kolladoctor.checks.sweep.SweepResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code --format junit}: one {@code <testsuite>} per check, one {@code <testcase>} per check and subject, so a
 * CI dashboard shows each subject. FAIL and WARN are {@code <failure>} (type says which), ERROR is
 * {@code <error>}, SKIP is {@code <skipped>}, OK and INFO pass (INFO's summary in system-out).
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static void write(SweepResult result, List<Check> checks, PrintWriter out) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "kolla-doctor");
            writeCounts(xml, result.findings());
            xml.writeAttribute("time", seconds(result.took().toMillis()));
            for (Check check : checks) {
                String id = check.info().id();
                List<Finding> findings = result.findings().stream().filter(f -> f.checkId().equals(id)).toList();
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", id);
                writeCounts(xml, findings);
                xml.writeAttribute("timestamp", result.started().toString());
                for (Finding f : findings) {
                    writeCase(xml, f);
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            out.println();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void writeCounts(XMLStreamWriter xml, List<Finding> findings) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(findings.size()));
        xml.writeAttribute("failures", Long.toString(count(findings, Status.FAIL) + count(findings, Status.WARN)));
        xml.writeAttribute("errors", Long.toString(count(findings, Status.ERROR)));
        xml.writeAttribute("skipped", Long.toString(count(findings, Status.SKIP)));
    }

    private static void writeCase(XMLStreamWriter xml, Finding f) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", f.checkId());
        xml.writeAttribute("name", clean(f.subject().kind() + " " + f.subject().display()));
        xml.writeAttribute("time", "0");
        switch (f.status()) {
            case FAIL, WARN -> element(xml, "failure", f);
            case ERROR -> element(xml, "error", f);
            case SKIP -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", clean(f.summary()));
                xml.writeEndElement();
            }
            case INFO -> {
                xml.writeStartElement("system-out");
                xml.writeCharacters(clean("INFO: " + f.summary()));
                xml.writeEndElement();
            }
            case OK -> { }
        }
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, Finding f) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("type", f.status().name());
        xml.writeAttribute("message", clean(f.summary()));
        StringBuilder body = new StringBuilder();
        for (Evidence e : f.evidence()) {
            body.append(e.where()).append('\n');
            if (e.excerpt() != null) {
                e.excerpt().lines().forEach(l -> body.append("  | ").append(l).append('\n'));
            }
        }
        if (f.fixHint() != null) {
            body.append("fix: ").append(f.fixHint()).append('\n');
        }
        xml.writeCharacters(clean(body.toString()));
        xml.writeEndElement();
    }

    private static long count(List<Finding> findings, Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** XML 1.0 cannot carry most control characters, which a log excerpt may hold: drop them. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (allowed) {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
