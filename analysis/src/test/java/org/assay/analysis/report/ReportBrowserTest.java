package org.assay.analysis.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the page in headless Chromium: the page's own script writes how many charts it drew,
 * which are blank (no drawn SVG shapes) and every script error into body[data-assay-status];
 * the DOM after load shows it. Skipped, saying why, only when Chromium cannot be started.
 */
class ReportBrowserTest {

    @TempDir
    Path tmp;

    private static String chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    private static String run(String chromium, Path profile, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile, "--virtual-time-budget=8000"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 90 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void everyChartRendersWithoutScriptErrors() throws Exception {
        String chromium = chromium();
        if (chromium == null) {
            System.out.println("ReportBrowserTest skipped: no chromium (apt-get install -y chromium)");
            Assumptions.abort("no chromium executable");
        }
        List<ReportRun> runs = HtmlReportTest.runs(ReportFixtures.write(tmp.resolve("a"), ReportFixtures.HOSTILE_HOST, 1.0),
                ReportFixtures.write(tmp.resolve("b"), "beta", 1.3));
        String html = HtmlReport.render(runs, HtmlReportTest.comparison(runs, Map.of("a", 1.0, "b", 2.0)), null);
        Path page = tmp.resolve("report.html");
        Files.writeString(page, html);
        int expected = html.split("data-chart=\"", -1).length - 1;

        String dom;
        try {
            dom = run(chromium, tmp.resolve("profile"), "--dump-dom", page.toUri().toString());
        } catch (IOException e) {
            System.out.println("ReportBrowserTest skipped: chromium could not be started: " + e.getMessage());
            Assumptions.abort("chromium could not be started: " + e.getMessage());
            return;
        }
        if (dom.isBlank()) {
            System.out.println("ReportBrowserTest skipped: chromium printed no DOM (cannot start headless here)");
            Assumptions.abort("chromium printed no DOM");
        }
        Matcher m = Pattern.compile("<pre id=\"assay-status\"[^>]*>([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the page's script finished and wrote its status");
        JsonNode status = BundleFormat.mapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
        assertEquals(0, status.get("errors").size(), "script errors: " + status.get("errors"));
        assertEquals(0, status.get("blank").size(), "blank charts: " + status.get("blank"));
        // 2 runs x (latency, bandwidth, scaling, percentiles, storage, 4 timelines) + comparison + per dollar
        assertEquals(20, expected);
        assertEquals(expected, status.get("charts").asInt());
        assertEquals(expected, status.get("rendered").asInt());
        // the machine's markup stayed text: no alert script in the live DOM either
        assertTrue(!dom.contains("<script>alert("), "injected markup became an element");

        Path shot = Path.of("target", "report-screenshot.png");
        run(chromium, tmp.resolve("profile2"), "--hide-scrollbars", "--window-size=1300,2400",
                "--screenshot=" + shot.toAbsolutePath(), page.toUri().toString());
        assertTrue(Files.size(shot) > 10_000, "a screenshot with something in it");
    }
}
