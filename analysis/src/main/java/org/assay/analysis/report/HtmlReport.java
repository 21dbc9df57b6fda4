package org.assay.analysis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assay.analysis.compare.ComparisonResult;
import org.assay.analysis.compare.ComparisonTable;
import org.assay.analysis.compare.MetricComparison;
import org.assay.profiles.SpecLimits;
import org.assay.results.Bundle;
import org.assay.results.BundleFormat;
import org.assay.results.EnvironmentCheck;
import org.assay.results.InvocationResult;
import org.assay.results.ProbeStatus;
import org.assay.results.Status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One self-contained HTML page for one or more runs: styles, ECharts, the chart data and the
 * script that draws it are all inside the file, so it opens with no network. Every string from a
 * bundle, a profile or the user goes through {@link Html#text} (or, in the data block,
 * {@link Html#scriptJson}); the charts draw text as SVG text nodes and their tooltips escape it.
 */
public final class HtmlReport {

    /** The ECharts build inside the page: the webjar's minified full bundle. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private HtmlReport() {
    }

    /**
     * @param comparison the comparison of the runs, or null for one run (or runs with nothing in common)
     * @param limits     spec limits of a profile for the shares, or null
     */
    public static String render(List<ReportRun> runs, ComparisonResult comparison, SpecLimits limits) throws IOException {
        ObjectNode data = BundleFormat.mapper().createObjectNode();
        ArrayNode runData = data.putArray("runs");
        StringBuilder body = new StringBuilder();
        String title = runs.size() == 1 ? "Assay report: " + runs.get(0).bundle().manifest().host()
                : "Assay report: " + runs.size() + " runs";
        body.append("<header><h1>").append(Html.text(title)).append("</h1>\n<p class=\"sub\">");
        for (ReportRun r : runs) {
            body.append("<a href=\"#run-").append(r.index()).append("\">").append(Html.text(r.name())).append("</a> ");
        }
        body.append("</p></header>\n");
        if (comparison != null) {
            data.set("comparison", comparisonData(comparison));
            comparisonSection(body, comparison);
        }
        for (ReportRun r : runs) {
            ObjectNode charts = ChartData.of(r.bundle(), r.samples());
            runData.addObject().put("index", r.index()).set("charts", charts);
            runSection(body, r, charts, limits);
        }
        return page(title, body.toString(), BundleFormat.mapper().writeValueAsString(data));
    }

    private static void comparisonSection(StringBuilder b, ComparisonResult c) {
        b.append("<section id=\"comparison\"><h2>Comparison with ").append(Html.text(c.baseline())).append("</h2>\n");
        b.append("<div class=\"chart tall\" data-chart=\"comparison\"></div>\n");
        if (c.metrics().stream().anyMatch(m -> !m.perDollar().isEmpty())) {
            b.append("<div class=\"chart\" data-chart=\"perDollar\"></div>\n");
        } else {
            b.append("<p class=\"missing\">Performance per dollar: no price given (assay report --price NAME=USD/h).</p>\n");
        }
        b.append("<div class=\"scroll\"><table><thead><tr>");
        for (String h : ComparisonTable.DISPLAY_HEADER) {
            b.append("<th>").append(Html.text(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (List<String> row : ComparisonTable.display(c)) {
            b.append("<tr>");
            for (String cell : row) {
                String cls = switch (cell) {
                    case "better" -> " class=\"better\"";
                    case "worse" -> " class=\"worse\"";
                    default -> "";
                };
                b.append("<td").append(cls).append(">").append(Html.text(cell)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n<ul>");
        for (String line : ComparisonTable.categories(c)) {
            b.append("<li>").append(Html.text(line)).append("</li>");
        }
        b.append("</ul>\n<ul class=\"warn\">");
        for (String line : c.warnings()) {
            b.append("<li>measured under a warning: ").append(Html.text(line)).append("</li>");
        }
        b.append("</ul>\n<p class=\"note\">").append(Html.text(org.assay.analysis.compare.ComparisonMarkdown.method(c)))
                .append("</p></section>\n");
    }

    private static ObjectNode comparisonData(ComparisonResult c) {
        ObjectNode o = BundleFormat.mapper().createObjectNode();
        o.put("baseline", c.baseline());
        ArrayNode cols = o.putArray("columns");
        c.columns().forEach(cols::add);
        ArrayNode metrics = o.putArray("metrics");
        for (MetricComparison m : c.metrics()) {
            ObjectNode mo = metrics.addObject();
            mo.put("label", m.id().label());
            mo.put("higherIsBetter", m.higherIsBetter());
            ObjectNode vs = mo.putObject("versus");
            for (MetricComparison.Versus v : m.versus()) {
                vs.putObject(v.column()).put("ratio", v.ratio()).put("low", v.low()).put("high", v.high())
                        .put("verdict", v.verdict().text()).put("p", v.pAdjusted());
            }
            ObjectNode pd = mo.putObject("perDollar");
            m.perDollar().forEach((col, p) -> pd.putObject(col).put("value", p.value()).put("halfWidth", p.halfWidth()));
        }
        return o;
    }

    private static void runSection(StringBuilder b, ReportRun r, ObjectNode charts, SpecLimits limits) throws IOException {
        Bundle bundle = r.bundle();
        var m = bundle.manifest();
        b.append("<section class=\"run\" id=\"run-").append(r.index()).append("\"><h2>").append(Html.text(r.name()))
                .append("</h2>\n<p class=\"sub\">").append(Html.text(m.suite() + " suite, " + m.start() + " to " + m.end()
                        + ", status " + m.status() + (m.statusReason() == null ? "" : " (" + m.statusReason() + ")")
                        + ", Assay " + m.assayVersion()))
                .append("</p>\n<div class=\"grid\"><div class=\"card\"><h3>Machine</h3><dl>");
        for (Map.Entry<String, String> e : RunFacts.machine(bundle).entrySet()) {
            b.append("<dt>").append(Html.text(e.getKey())).append("</dt><dd>").append(Html.text(e.getValue())).append("</dd>");
        }
        b.append("</dl></div>\n<div class=\"card\"><h3>Environment</h3>");
        List<EnvironmentCheck> warnings = m.environment().stream().filter(e -> e.warning() != null).toList();
        if (warnings.isEmpty()) {
            b.append("<p class=\"good\">No warnings from the pre-flight checks.</p>");
        } else {
            b.append("<ul class=\"warn\">");
            for (EnvironmentCheck w : warnings) {
                b.append("<li><b>").append(Html.text(w.name())).append("</b>: ").append(Html.text(w.warning())).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("<details><summary>all checks</summary><table>");
        for (EnvironmentCheck e : m.environment()) {
            b.append("<tr><td>").append(Html.text(e.name())).append("</td><td>").append(Html.text(e.value()))
                    .append("</td></tr>");
        }
        b.append("</table></details>");
        for (String w : bundle.warnings()) {
            b.append("<p class=\"warn\">").append(Html.text(w)).append("</p>");
        }
        b.append("</div></div>\n");

        b.append("<h3>Results</h3>\n<div class=\"scroll\"><table><thead><tr><th>metric</th><th>params</th><th>threads</th><th>score</th>"
                + "<th>99.9% interval</th><th>unit</th><th>share of the limit</th><th>status</th></tr></thead><tbody>\n");
        for (InvocationResult res : bundle.results()) {
            b.append("<tr><td>").append(Html.text(res.metric())).append("</td><td>")
                    .append(Html.text(new TreeMap<>(res.params()).toString().replaceAll("[{}]", ""))).append("</td><td>")
                    .append(res.threads()).append("</td><td class=\"num\">").append(number(res.score()))
                    .append("</td><td class=\"num\">").append(interval(res)).append("</td><td>").append(Html.text(res.unit()))
                    .append("</td><td>").append(Html.text(SpecShare.of(res, limits, m.inventory()).orElse("")))
                    .append("</td><td").append(res.status() == Status.ok ? ">ok" : " class=\"worse\">"
                            + Html.text(res.status() + ": " + res.reason()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table></div>\n<h3>Charts</h3>\n");
        for (String id : ChartData.chartIds(charts)) {
            if (id.equals("timeline")) {
                for (var g : charts.get("timeline").get("groups")) {
                    if (g.has("missing")) {
                        b.append("<p class=\"missing\">").append(Html.text(g.get("name").asText())).append(" over time: ")
                                .append(Html.text(g.get("missing").asText())).append("</p>\n");
                    } else {
                        b.append("<div class=\"chart short\" data-chart=\"timeline\" data-run=\"").append(r.index())
                                .append("\" data-group=\"").append(Html.text(g.get("name").asText())).append("\"></div>\n");
                    }
                }
            } else {
                b.append("<div class=\"chart\" data-chart=\"").append(id).append("\" data-run=\"").append(r.index())
                        .append("\"></div>\n");
            }
        }
        if (!charts.has("latency")) {
            b.append("<p class=\"missing\">Latency staircase: no memory.latency.chase results in this run.</p>\n");
        }
        if (!charts.has("bandwidth")) {
            b.append("<p class=\"missing\">Bandwidth against threads: no memory.bandwidth results in this run.</p>\n");
        }
        if (!charts.has("scaling")) {
            b.append("<p class=\"missing\">CPU scaling: no cpu.* metric measured at one and at more threads.</p>\n");
        }
        if (!charts.has("timeline")) {
            b.append("<p class=\"missing\">Probes over time: probes.csv has no samples (--probe-rate 0?).</p>\n");
        }
        if (!charts.has("percentiles")) {
            b.append("<p class=\"missing\">Latency percentiles: no storage.* or network.* result with a latency histogram in this run.</p>\n");
        }

        b.append("<h3>Probes</h3>\n<table><thead><tr><th>probe</th><th>available</th><th>source or reason</th>"
                + "<th>fix</th></tr></thead><tbody>\n");
        for (ProbeStatus p : m.probes()) {
            b.append("<tr><td>").append(Html.text(p.id())).append("</td><td class=\"").append(p.available() ? "good\">yes" : "worse\">no")
                    .append("</td><td>").append(Html.text(p.reason())).append("</td><td>").append(Html.text(p.fix()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<h3>Reproduce</h3>\n<pre>").append(Html.text(RunFacts.command(bundle))).append("</pre>\n");
        b.append("<p>in ").append(Html.text(m.workingDirectory())).append(", Assay ").append(Html.text(m.assayVersion()))
                .append(" at commit ").append(Html.text(m.commit())).append(Boolean.TRUE.equals(m.dirty()) ? " (with uncommitted changes)" : "")
                .append("</p>\n<p>Bundle checksum (SHA-256 of SHA256SUMS): <code>")
                .append(Html.text(String.valueOf(RunFacts.checksum(bundle)))).append("</code>; check it with <code>assay verify ")
                .append(Html.text(bundle.dir().toString())).append("</code></p>\n</section>\n");
    }

    private static String number(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e5 || a < 1e-3) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.4g", v);
    }

    private static String interval(InvocationResult r) {
        if (r.ci() == null || r.ci().get(0) == null) {
            return "-";
        }
        return "[" + number(r.ci().get(0)) + ", " + number(r.ci().get(1)) + "]"
                + ("within-fork".equals(r.interval() == null ? null : r.interval().get("method")) ? "*" : "");
    }

    private static String page(String title, String body, String json) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + Html.text(title)
                + "</title>\n<style>\n" + resource("report.css") + "</style>\n</head><body>\n" + body
                + "<footer>* interval within one fork: the spread between JVMs was not measured. "
                + "Charts: Apache ECharts 5.3.1, embedded.</footer>\n"
                + "<script type=\"application/json\" id=\"assay-data\">" + Html.scriptJson(json) + "</script>\n"
                + "<script>" + echarts() + "</script>\n<script>\n" + resource("report.js") + "</script>\n</body></html>\n";
    }

    static String echarts() {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException(ECHARTS + " is not on the class path: the echarts webjar is missing");
            }
            // "</script" cannot occur in the minified bundle's code paths that matter, but one in a
            // string literal would end the element: split it the way browsers expect.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the analysis jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
