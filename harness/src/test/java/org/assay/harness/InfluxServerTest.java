package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.analysis.export.ExportFixtures;
import org.assay.harness.export.LocalServer;
import org.assay.results.BundleFormat;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real InfluxDB 1.x on loopback: {@code assay export --format influx --push} writes a bundle
 * through {@code /write}, and InfluxQL through {@code /query} gives back its values, tags, units
 * and nanosecond times.
 */
class InfluxServerTest {

    @TempDir
    static Path tmp;

    private static LocalServer influx;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startInflux() throws Exception {
        String influxd = LocalServer.binary("influxd", "/usr/bin/influxd", "/usr/local/bin/influxd");
        int http = LocalServer.freePort();
        int rpc = LocalServer.freePort();
        Path dir = Files.createDirectories(tmp.resolve("influxdb"));
        Files.writeString(dir.resolve("influxdb.conf"), """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [http]
                  enabled = true
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [monitor]
                  store-enabled = false
                [continuous_queries]
                  enabled = false
                """.formatted(rpc, dir, dir, dir, http));
        influx = LocalServer.start("influxd", List.of(influxd, "run", "-config", dir.resolve("influxdb.conf").toString()),
                dir, http, "/ping", 204);
        query("CREATE DATABASE assay");
    }

    @AfterAll
    static void stopInflux() {
        if (influx != null) {
            influx.close();
        }
    }

    private static JsonNode query(String influxql) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(influx.url("/query?db=assay&epoch=ns")))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(influxql, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode result = BundleFormat.mapper().readTree(r.body()).path("results").get(0);
        assertTrue(!result.has("error"), influxql + ": " + result);
        return result;
    }

    /** The rows of one InfluxQL SELECT as column name to value. */
    private static List<Map<String, JsonNode>> rows(String influxql) throws IOException, InterruptedException {
        JsonNode series = query(influxql).path("series");
        assertEquals(1, series.size(), influxql + " returned " + series);
        JsonNode columns = series.get(0).path("columns");
        List<Map<String, JsonNode>> out = new java.util.ArrayList<>();
        for (JsonNode v : series.get(0).path("values")) {
            Map<String, JsonNode> row = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i).asText(), v.get(i));
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void aPushedBundleIsQueriedBackWithItsValuesTagsUnitsAndTimes() throws Exception {
        Path b = ExportFixtures.bundle(tmp.resolve("bundle"));
        String url = influx.url("/write?db=assay");
        CliCapture c = CliCapture.run("export", b.toString(), "--format", "influx", "--push", url);
        assertEquals(0, c.exitCode(), c.err());
        assertEquals("pushed 5 result(s) to InfluxDB " + url + "&precision=ns (HTTP 204)", c.out().strip());

        List<Map<String, JsonNode>> triad = rows("SELECT * FROM assay_memory WHERE workload = 'memory.bandwidth.triad' "
                + "AND secondary = '' ORDER BY time");
        assertEquals(2, triad.size(), "the ok and the failed invocation");
        Map<String, JsonNode> ok = triad.get(0);
        assertEquals(18.25, ok.get("score").asDouble(), "the bundle's own unit");
        assertEquals(0.5, ok.get("score_error").asDouble());
        assertEquals(17.75, ok.get("ci_low").asDouble());
        assertEquals(18.75, ok.get("ci_high").asDouble());
        assertEquals(3, ok.get("samples").asLong());
        assertEquals("GB/s", ok.get("unit").asText());
        assertEquals(ExportFixtures.INSTANCE_TYPE, ok.get("instance_type").asText(), "spaces, commas, parentheses survive");
        assertEquals("inter leaved, \"x\"", ok.get("param_layout").asText());
        assertEquals("memory.bandwidth.triad[threads=2]", ok.get("invocation").asText(), "= survives");
        assertEquals(ExportFixtures.HOST, ok.get("host").asText());
        Instant end = Instant.parse(ExportFixtures.TRIAD_END);
        assertEquals(end.getEpochSecond() * 1_000_000_000L + end.getNano(), ok.get("time").asLong(), "nanoseconds");
        Map<String, JsonNode> failed = triad.get(1);
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("score").isNull(), "no score written for a failed invocation");
        assertEquals("fork exited with status 137 (killed: out of memory?)", failed.get("reason").asText());

        Map<String, JsonNode> steal = rows("SELECT value, unit FROM assay_memory WHERE secondary = 'host.steal'").get(0);
        assertEquals(0.4, steal.get("value").asDouble());
        assertEquals("%", steal.get("unit").asText());
        Map<String, JsonNode> rr = rows("SELECT score, unit FROM assay_network WHERE secondary = ''").get(0);
        assertEquals(41234.5, rr.get("score").asDouble());
        assertEquals("transactions/s", rr.get("unit").asText());
        assertEquals(123.456, rows("SELECT score FROM assay_cpu").get(0).get("score").asDouble());
        assertEquals("°C", rows("SELECT unit, value FROM assay_memory WHERE secondary = 'temperature.max'")
                .get(0).get("unit").asText(), "UTF-8 survives");
    }

    @Test
    void aMissingDatabaseIsTheRealServersRefusalOnOneLine() throws Exception {
        Path b = ExportFixtures.bundle(tmp.resolve("refused"));
        String url = influx.url("/write?db=nope");
        CliCapture c = CliCapture.run("export", b.toString(), "--format", "influx", "--push", url);
        assertEquals(1, c.exitCode(), c.out() + c.err());
        String[] lines = c.err().strip().split("\n");
        assertEquals(1, lines.length, c.err());
        assertEquals("assay export: push to InfluxDB " + url + "&precision=ns refused: HTTP 404: "
                + "{\"error\":\"database not found: \\\"nope\\\"\"}", lines[0]);
    }
}
