package org.assay.analysis.report;

import org.assay.analysis.compare.CompareSettings;
import org.assay.analysis.compare.Comparison;
import org.assay.analysis.compare.ComparisonResult;
import org.assay.analysis.compare.RunColumn;
import org.assay.analysis.compare.VerifiedBundles;
import org.assay.results.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's content without a browser: what it states, that it needs no network, that it escapes. */
class HtmlReportTest {

    @TempDir
    Path tmp;

    static List<ReportRun> runs(Path... dirs) throws Exception {
        List<Bundle> bundles = VerifiedBundles.readAll(List.of(dirs));
        List<ReportRun> runs = new java.util.ArrayList<>();
        for (int i = 0; i < bundles.size(); i++) {
            runs.add(ReportRun.of(i, bundles.get(i)));
        }
        return runs;
    }

    static ComparisonResult comparison(List<ReportRun> runs, Map<String, Double> prices) throws Exception {
        List<RunColumn> cols = RunColumn.of(runs.stream().map(ReportRun::bundle).toList(), true);
        return Comparison.compare(cols, cols.get(0), new CompareSettings(0.02, 0.05, 0.95, prices));
    }

    @Test
    void onePageHoldsEverythingAndEscapesTheMachinesStrings() throws Exception {
        List<ReportRun> runs = runs(ReportFixtures.write(tmp.resolve("run-a"), ReportFixtures.HOSTILE_HOST, 1.0));
        String html = HtmlReport.render(runs, null, null);

        // no network: no external script, style, image or font in the page around the embedded library
        assertTrue(html.contains(HtmlReport.echarts()), "ECharts is embedded whole");
        String page = html.replace(HtmlReport.echarts(), "");
        assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]+(src|href)=", Pattern.CASE_INSENSITIVE).matcher(page).find());
        assertFalse(Pattern.compile("https?://").matcher(page).find(), "no address in the page");
        assertFalse(page.contains("@import"));
        // the host name's markup appears only escaped (in HTML) or as \u003c (in the data block)
        assertFalse(html.contains("<script>alert("), "raw markup from the machine");
        assertTrue(html.contains("box&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("Test CPU &lt;b&gt;9000&lt;/b&gt;"));
        assertTrue(html.contains("load &lt;high&gt; &amp; rising"));
        // the facts a reader needs
        assertTrue(html.contains("./assay run --only &#39;cpu.*&#39; --out"), "reproduce command, shell-quoted");
        assertTrue(Pattern.compile("<code>[0-9a-f]{64}</code>").matcher(html).find(), "bundle checksum");
        assertTrue(html.contains("/dev/cpu/0/msr missing"), "why a probe is missing");
        assertTrue(html.contains("<td>modprobe msr</td>"), "and its fix");
        // dgemm 4 threads: 20 x 4 x 0.9 = 72 GFLOP/s of the estimated 200 GFLOP/s peak = 36%
        assertTrue(html.contains("36% of the estimated FP64 peak 200 GFLOP/s"), html);
        // one thread against one core's share: 18 of 50 = 36%
        assertTrue(html.contains("36% of the estimated FP64 peak 50.0 GFLOP/s (one core)"));
        for (String chart : List.of("latency", "bandwidth", "scaling", "timeline")) {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertEquals(4, html.split("data-chart=\"timeline\"", -1).length - 1, "clock, temperature, power, steal");
    }

    @Test
    void aComparisonAddsItsChartsAndTable() throws Exception {
        List<ReportRun> runs = runs(ReportFixtures.write(tmp.resolve("a"), "alpha", 1.0),
                ReportFixtures.write(tmp.resolve("b"), "beta", 1.3));
        String html = HtmlReport.render(runs, comparison(runs, Map.of("a", 1.0, "b", 2.0)), null);
        assertTrue(html.contains("data-chart=\"comparison\""));
        assertTrue(html.contains("data-chart=\"perDollar\""));
        assertTrue(html.contains("<td class=\"better\">better</td>"));
        assertTrue(html.contains("<li>measured under a warning: a: os.loadavg: load &lt;high&gt; &amp; rising</li>"), html);
    }

    @Test
    void markdownSaysTheSameWithoutCharts() throws Exception {
        List<ReportRun> runs = runs(ReportFixtures.write(tmp.resolve("a"), "host|pipe", 1.0));
        String md = MarkdownReport.render(runs, null, null);
        assertTrue(md.contains("| host | host\\|pipe |"), md);
        assertTrue(md.contains("- os.loadavg: load &lt;high&gt; & rising"), md);
        assertTrue(md.contains("| cpu.dgemm | n=512 | 4 | 72.00 | [70.56, 73.44] | GFLOP/s | 36% of the estimated FP64 peak 200 GFLOP/s | ok |"), md);
        assertTrue(md.contains("- msr: /dev/cpu/0/msr missing (fix: modprobe msr)"), md);
        assertTrue(md.contains("**Bundle checksum** (SHA-256 of SHA256SUMS): `"), md);
    }
}
