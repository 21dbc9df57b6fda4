package org.assay.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.results.Bundle;
import org.assay.results.BundleFormat;
import org.assay.results.BundleReader;
import org.assay.results.BundleWriter;
import org.assay.results.EnvironmentCheck;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeSample;
import org.assay.results.ProbeStatus;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.Status;
import org.assay.results.Termination;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every string the report takes from the machine or the user (host name, CPU model, command line,
 * working directory, parameters, metric and unit names, check and probe texts, reasons, the
 * bundle's directory name, probe series in probes.csv) carries markup that would run if it were
 * pasted in raw. The page is parsed with a real HTML parser (jsoup, which follows the HTML5
 * parsing algorithm browsers use) and must hold only the page's own elements and scripts, no
 * event-handler attribute, and every payload as text.
 */
class ReportInjectionTest {

    @TempDir
    Path tmp;

    /** Each one breaks out of a different context: element text, an attribute, the JSON block, a comment. */
    static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "'><svg onload=alert(3)>",
            "</script><script>alert(4)</script>",
            "<!--<script>alert(5)//",
            "</SCRIPT ><iframe srcdoc=alert(6)>",
            "\u2028x\u2029<style>body{}</style>");

    private static String p(int i) {
        return "p" + i + PAYLOADS.get(i % PAYLOADS.size());
    }

    private Path hostileBundle() throws Exception {
        Path dir = tmp.resolve("run-" + "<b onmouseover=alert(7)>x</b>'\"");
        ObjectNode inv = BundleFormat.mapper().createObjectNode();
        inv.putObject("os").put("hostname", p(0)).put("name", p(1)).put("kernel", p(2));
        inv.putObject("cpu").put("name", p(3)).put("vendor", p(4)).put("sockets", 1).put("physicalCores", 2)
                .put("logicalCpus", 2).put("onlineCpus", p(5));
        inv.putArray("caches").addObject().put("label", p(6)).put("type", "Data").put("sizeBytes", 32768);
        RunManifest m = RunManifest.builder().assayVersion(p(7)).commit(p(8)).host(p(9)).suite(p(10))
                .start("2026-01-01T00:00:00Z").inventory(inv)
                .environment(List.of(new EnvironmentCheck(p(11), p(12), p(13)), new EnvironmentCheck(p(14), p(15), null)))
                .probes(List.of(new ProbeStatus(p(16), false, p(17), p(18)), new ProbeStatus("frequency", true, p(19), null)))
                .command(List.of("./assay", "run", "--only", p(20), "-p", p(21)))
                .workingDirectory(p(22)).build();
        try (BundleWriter w = BundleWriter.create(dir, m)) {
            for (int t : new int[]{1, 2}) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put(p(23), p(24));
                params.put("n", 512);
                w.append(InvocationResult.builder().invocationId("cpu.dgemm" + p(25) + t).workload(p(26))
                        .definitionVersion(1).metric("cpu.dgemm").params(params).threads(t).unit(p(27))
                        .higherIsBetter(true).score(10.0 * t).scoreError(0.1).ci(List.of(9.9 * t, 10.1 * t))
                        .samples(List.of(10.0 * t, 10.0 * t, 10.0 * t)).status(Status.ok)
                        .start("2026-01-01T00:00:01Z").end("2026-01-01T00:00:02Z").build());
            }
            w.append(InvocationResult.builder().invocationId("x" + p(28)).workload(p(29)).definitionVersion(1)
                    .metric(p(30)).params(Map.of()).threads(1).unit("ns").higherIsBetter(false).status(Status.failed)
                    .reason(p(31)).start("2026-01-01T00:00:03Z").end("2026-01-01T00:00:04Z").build());
            List<ProbeSample> samples = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String ts = "2026-01-01T00:00:0" + i + "Z";
                samples.add(new ProbeSample(ts, "freq.cpufreq", p(32), 3000 + i, "MHz"));
                samples.add(new ProbeSample(ts, "temp." + p(33), "package0", 50 + i, p(34)));
            }
            w.appendProbeSamples(samples);
            w.finish(m.withEnd("2026-01-01T00:01:00Z", RunStatus.partial, p(35), Termination.normal));
        }
        return dir;
    }

    @Test
    void noStringFromTheBundleBecomesMarkupOrScript() throws Exception {
        Bundle bundle = BundleReader.read(hostileBundle());
        String html = HtmlReport.render(List.of(ReportRun.of(0, bundle)), null, null);
        Document doc = Jsoup.parse(html);

        // only the page's own three scripts, each exactly what the page puts there
        Elements scripts = doc.select("script");
        assertEquals(3, scripts.size(), "scripts: " + scripts.size());
        assertEquals("application/json", scripts.get(0).attr("type"));
        String data = scripts.get(0).data();
        assertEquals(HtmlReport.echarts(), scripts.get(1).data(), "the second script is ECharts, unchanged");
        assertTrue(scripts.get(2).data().contains("getElementById('assay-data')"), "the third is report.js");
        assertFalse(data.toLowerCase(Locale.ROOT).contains("</script"), "the data block cannot end its element");
        assertFalse(data.contains("<!--"), "nor open a comment that swallows the rest of the page");
        JsonNode json = BundleFormat.mapper().readTree(data);
        assertTrue(json.toString().contains(PAYLOADS.get(3)), "the payload survives as data, not as markup");

        // no element the page does not make itself, and no event handler on any element
        Set<String> tags = new TreeSet<>();
        for (Element e : doc.getAllElements()) {
            tags.add(e.tagName());
            for (Attribute a : e.attributes()) {
                assertFalse(a.getKey().toLowerCase(Locale.ROOT).startsWith("on"), e.tagName() + " has " + a);
                assertFalse(a.getValue().toLowerCase(Locale.ROOT).contains("javascript:"), e.tagName() + " has " + a);
            }
        }
        Set<String> allowed = Set.of("#root", "html", "head", "body", "meta", "title", "style", "script", "header", "h1",
                "h2", "h3", "p", "a", "section", "div", "dl", "dt", "dd", "ul", "li", "b", "details", "summary", "table",
                "thead", "tbody", "tr", "th", "td", "pre", "code", "footer");
        Set<String> unexpected = new TreeSet<>(tags);
        unexpected.removeAll(allowed);
        assertEquals(Set.of(), unexpected, "elements made from bundle strings");

        // every payload is on the page as text: escaped, not dropped
        String text = doc.body().text() + " " + doc.title();
        for (String payload : List.of(PAYLOADS.get(0), PAYLOADS.get(1), PAYLOADS.get(2), PAYLOADS.get(3))) {
            assertTrue(text.contains(payload), "shown as text: " + payload);
        }
        assertTrue(doc.title().contains(PAYLOADS.get(2)), doc.title());
        assertTrue(text.contains("<b onmouseover=alert(7)>x</b>"), "the bundle's directory name, as text");
    }

    @Test
    void theDataBlockEscapeItselfIsNeeded() {
        // what Html.scriptJson guards against: the same JSON pasted raw would end the element
        String raw = "{\"host\":\"" + PAYLOADS.get(3).replace("\"", "\\\"") + "\"}";
        Document bad = Jsoup.parse("<script type=\"application/json\">" + raw + "</script>");
        assertTrue(bad.select("script").size() > 1, "raw JSON lets the payload open its own script");
        Document good = Jsoup.parse("<script type=\"application/json\">" + Html.scriptJson(raw) + "</script>");
        assertEquals(1, good.select("script").size());
        assertEquals(readTree(raw), readTree(good.select("script").get(0).data()), "and it is still the same JSON");
    }

    private static JsonNode readTree(String s) {
        try {
            return BundleFormat.mapper().readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
