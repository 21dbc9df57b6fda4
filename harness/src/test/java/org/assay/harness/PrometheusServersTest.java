package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.analysis.export.ExportFixtures;
import org.assay.harness.export.LocalServer;
import org.assay.harness.live.LiveMetrics;
import org.assay.harness.live.MetricsServer;
import org.assay.results.BundleFormat;
import org.assay.results.BundleReader;
import org.assay.results.InvocationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Pushgateway and a real Prometheus on loopback: {@code assay export --push} sends a
 * bundle to the Pushgateway, Prometheus scrapes it every second, and PromQL gives back the
 * bundle's values, labels and units. Prometheus also scrapes a live {@link MetricsServer}, so
 * the OpenMetrics text of {@code /metrics} is read by Prometheus's own parser.
 */
class PrometheusServersTest {

    @TempDir
    static Path tmp;

    private static LocalServer pushgateway;
    private static LocalServer prometheus;
    private static MetricsServer live;
    private static final LiveMetrics LIVE_FIGURES = new LiveMetrics();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServers() throws Exception {
        String pgw = LocalServer.binary("prometheus-pushgateway", "/usr/bin/prometheus-pushgateway", "/usr/local/bin/pushgateway");
        String prom = LocalServer.binary("prometheus", "/usr/bin/prometheus", "/usr/local/bin/prometheus");
        LIVE_FIGURES.gauge("assay_probe_temperature", "Probe temperature, latest reading.", "celsius",
                Map.of("host", "h \"1\"\\x", "scope", "package\n0"), 61.5);
        LIVE_FIGURES.counter("assay_run_invocations_done", "Invocations finished.", "", Map.of("host", "h"), 3);
        live = MetricsServer.startOnLoopback(0, LIVE_FIGURES);

        int pgwPort = LocalServer.freePort();
        Path pgwDir = Files.createDirectories(tmp.resolve("pushgateway"));
        pushgateway = LocalServer.start("prometheus-pushgateway", pushgatewayCommand(pgw, pgwPort), pgwDir, pgwPort,
                "/-/ready", 200);

        int promPort = LocalServer.freePort();
        Path promDir = Files.createDirectories(tmp.resolve("prometheus"));
        Files.writeString(promDir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: pushgateway
                    honor_labels: true
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: assay-live
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(pgwPort, live.port()));
        prometheus = LocalServer.start("prometheus", List.of(prom, "--config.file=" + promDir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + promDir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort),
                promDir, promPort, "/-/ready", 200);
    }

    /**
     * Debian's Pushgateway persists to /var/lib/prometheus/pushgateway.data by default: a test
     * must keep nothing there (and must not read another run's groups back), so memory only.
     */
    private static List<String> pushgatewayCommand(String binary, int port) {
        return List.of(binary, "--web.listen-address=127.0.0.1:" + port, "--persistence.file=");
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable c : new AutoCloseable[]{prometheus, pushgateway, live}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping; nothing to report
            }
        }
    }

    private static JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return BundleFormat.mapper().readTree(r.body());
    }

    /** The series of an instant PromQL query, polled until Prometheus has scraped at least {@code n}. */
    private static List<JsonNode> query(String promql, int n) throws IOException, InterruptedException {
        String url = prometheus.url("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<JsonNode> series = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            series.clear();
            getJson(url).path("data").path("result").forEach(series::add);
            if (series.size() >= n) {
                return series;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus returned " + series.size() + " series for " + promql + " within 15 s");
    }

    private static double value(JsonNode series) {
        return Double.parseDouble(series.path("value").get(1).asText());
    }

    @Test
    void aPushedBundleIsQueriedBackWithItsValuesLabelsAndUnits() throws Exception {
        Path b = ExportFixtures.bundle(tmp.resolve("bundle"));
        CliCapture c = CliCapture.run("export", b.toString(), "--format", "openmetrics", "--push", pushgateway.url(""));
        assertEquals(0, c.exitCode(), c.err());
        assertEquals("pushed 5 result(s) to Pushgateway " + pushgateway.url("/metrics/job/assay/instance/bench-01")
                + " (HTTP 200)", c.out().strip());

        InvocationResult triad = BundleReader.read(b).results().get(0);
        JsonNode score = query("assay_memory_bandwidth_triad_bytes_per_second{stat=\"score\"}", 1).get(0);
        JsonNode labels = score.path("metric");
        assertEquals(triad.score() * 1e9, value(score), "GB/s became bytes per second");
        assertEquals("assay", labels.path("job").asText(), "the Pushgateway group's job");
        assertEquals(ExportFixtures.HOST, labels.path("instance").asText(), "the group is the host");
        assertEquals(ExportFixtures.HOST, labels.path("host").asText());
        assertEquals(ExportFixtures.INSTANCE_TYPE, labels.path("instance_type").asText());
        assertEquals("inter leaved, \"x\"", labels.path("param_layout").asText());
        assertEquals("4294967296", labels.path("param_working_set_bytes").asText());
        assertEquals("2", labels.path("threads").asText());
        assertEquals(triad.ci().get(0) * 1e9,
                value(query("assay_memory_bandwidth_triad_bytes_per_second{stat=\"ci_low\"}", 1).get(0)));
        assertEquals(triad.ci().get(1) * 1e9,
                value(query("assay_memory_bandwidth_triad_bytes_per_second{stat=\"ci_high\"}", 1).get(0)));
        assertEquals(1.25e-9, value(query("assay_memory_latency_chase_seconds{stat=\"score\"}", 1).get(0)), 1e-24,
                "ns became seconds");
        assertEquals(0.004, value(query("assay_secondary_host_steal_ratio", 1).get(0)), 1e-15, "% became a ratio");
        assertEquals(1, query("assay_memory_bandwidth_triad_bytes_per_second{stat=\"score\"}", 1).size(),
                "the failed invocation has no score");
        assertEquals(1, value(query("assay_run_results{status=\"failed\"}", 1).get(0)));
        assertEquals(ExportFixtures.CPU, query("assay_run_info", 1).get(0).path("metric").path("cpu_model").asText());

        JsonNode meta = getJson(prometheus.url("/api/v1/metadata?metric=assay_memory_bandwidth_triad_bytes_per_second"))
                .path("data").path("assay_memory_bandwidth_triad_bytes_per_second").get(0);
        assertEquals("gauge", meta.path("type").asText());
        assertTrue(meta.path("help").asText().contains("GB/s in the bundle"), meta.toString());
    }

    @Test
    void aPushTheRealPushgatewayRefusesIsOneLineWithItsAnswerAndExitOne() throws Exception {
        // A Pushgateway refuses a push whose families contradict those it holds: here another
        // job's counter of the same name. Its own instance, so the other tests' groups stay clean.
        String pgw = LocalServer.binary("prometheus-pushgateway", "/usr/bin/prometheus-pushgateway");
        int port = LocalServer.freePort();
        try (LocalServer other = LocalServer.start("prometheus-pushgateway", pushgatewayCommand(pgw, port),
                Files.createDirectories(tmp.resolve("pgw2")), port, "/-/ready", 200)) {
            HttpResponse<String> seeded = HTTP.send(HttpRequest.newBuilder(URI.create(other.url("/metrics/job/other")))
                    .header("Content-Type", "text/plain; version=0.0.4")
                    .PUT(HttpRequest.BodyPublishers.ofString("# TYPE assay_run_info counter\nassay_run_info 1\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, seeded.statusCode(), seeded.body());
            Path b = ExportFixtures.bundle(tmp.resolve("refused"));
            CliCapture c = CliCapture.run("export", b.toString(), "--format", "openmetrics", "--push", other.url(""));
            assertEquals(1, c.exitCode(), c.out() + c.err());
            String[] lines = c.err().strip().split("\n");
            assertEquals(1, lines.length, c.err());
            assertTrue(lines[0].startsWith("assay export: push to Pushgateway "
                    + other.url("/metrics/job/assay/instance/bench-01") + " refused: HTTP 400: "), lines[0]);
            assertTrue(lines[0].contains("assay_run_info"), "the server's answer names the family: " + lines[0]);
        }
    }

    @Test
    void prometheusParsesTheLiveEndpointsOpenMetrics() throws Exception {
        JsonNode temp = query("assay_probe_temperature_celsius", 1).get(0);
        assertEquals(61.5, value(temp));
        assertEquals("h \"1\"\\x", temp.path("metric").path("host").asText(), "quotes and backslash survive");
        assertEquals("package\n0", temp.path("metric").path("scope").asText(), "a line break survives");
        assertEquals(3, value(query("assay_run_invocations_done_total", 1).get(0)));
        JsonNode meta = getJson(prometheus.url("/api/v1/metadata?metric=assay_probe_temperature_celsius"))
                .path("data").path("assay_probe_temperature_celsius").get(0);
        assertEquals("celsius", meta.path("unit").asText(), "# UNIT was read: " + meta);
        assertEquals("gauge", meta.path("type").asText());
        JsonNode up = query("up{job=\"assay-live\"}", 1).get(0);
        assertEquals(1, value(up), "the scrape of /metrics succeeded");
    }
}
