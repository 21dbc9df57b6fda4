package org.assay.analysis.judging;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;

/**
 * An acceptance report as JUnit XML, the format CI servers show as a test report: one
 * {@code testsuite} per run, one {@code testcase} per rule (class {@code assay.accept.<category>})
 * and per inventory check (class {@code assay.accept.inventory}). A failed check has a
 * {@code failure}; an inconclusive or unchecked one is {@code skipped}, its message saying which.
 */
public final class JunitXml {

    private JunitXml() {
    }

    public static String write(AcceptanceReport report) {
        return write(report, "assay accept " + report.run() + " --profile " + report.profileId());
    }

    /** As {@link #write(AcceptanceReport)}, the test suite named {@code suiteName} (another command's judgement, such as a burn-in's). */
    public static String write(AcceptanceReport report, String suiteName) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suites = doc.createElement("testsuites");
            doc.appendChild(suites);
            Element suite = doc.createElement("testsuite");
            suites.appendChild(suite);
            suite.setAttribute("name", suiteName);
            int tests = report.rules().size() + report.inventory().size();
            suite.setAttribute("tests", String.valueOf(tests));
            suite.setAttribute("failures", String.valueOf(report.count(Verdict.FAIL)));
            suite.setAttribute("errors", "0");
            suite.setAttribute("skipped", String.valueOf(report.count(Verdict.INCONCLUSIVE) + report.count(Verdict.NOT_CHECKED)));
            for (RuleVerdict r : report.rules()) {
                suite.appendChild(testcase(doc, "assay.accept." + r.category(), r.key().toString(), r.verdict(), r.message()));
            }
            for (InventoryCheck c : report.inventory()) {
                suite.appendChild(testcase(doc, "assay.accept.inventory", c.name(), c.verdict(), c.message()));
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("the JDK's XML writer failed: " + e.getMessage(), e);
        }
    }

    private static Element testcase(Document doc, String classname, String name, Verdict verdict, String message) {
        Element tc = doc.createElement("testcase");
        tc.setAttribute("classname", classname);
        tc.setAttribute("name", name);
        tc.setAttribute("time", "0");
        if (verdict == Verdict.FAIL) {
            Element f = doc.createElement("failure");
            f.setAttribute("message", message);
            f.setAttribute("type", "fail");
            f.setTextContent(message);
            tc.appendChild(f);
        } else if (verdict != Verdict.PASS) {
            Element s = doc.createElement("skipped");
            s.setAttribute("message", verdict + ": " + message);
            tc.appendChild(s);
        } else {
            Element o = doc.createElement("system-out");
            o.setTextContent(message);
            tc.appendChild(o);
        }
        return tc;
    }
}
