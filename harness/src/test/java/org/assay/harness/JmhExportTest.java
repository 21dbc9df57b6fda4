package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assay.harness.interop.JmhExport;
import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.results.InvocationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMH export: a real Assay run written in JMH's schema with the bundle's figures, and a JMH
 * file imported then exported gives JMH's own benchmark, parameters and raw data back.
 */
class JmhExportTest {

    @TempDir
    Path tmp;

    @Test
    void anAssayRunBecomesJmhsSchemaWithTheBundlesFigures() throws Exception {
        Bundle b = BundleReader.read(ImportFixtures.path(ImportFixtures.ASSAY_STORAGE));
        InvocationResult r = b.results().get(0);
        JsonNode json = new ObjectMapper().readTree(new JmhExport().render(b));
        assertEquals(1, json.size());
        JsonNode e = json.get(0);
        for (String field : new String[]{"jmhVersion", "benchmark", "mode", "threads", "forks", "jvm", "jvmArgs",
                "jdkVersion", "vmName", "vmVersion", "warmupIterations", "warmupTime", "warmupBatchSize",
                "measurementIterations", "measurementTime", "measurementBatchSize", "params", "primaryMetric",
                "secondaryMetrics"}) {
            assertTrue(e.has(field), "JMH's field " + field + ": " + e);
        }
        assertEquals("storage.randread", e.get("benchmark").asText());
        assertEquals("32", e.path("params").path("queueDepth").asText());
        JsonNode pm = e.get("primaryMetric");
        assertEquals(r.score(), pm.get("score").asDouble(), 0);
        assertEquals(r.scoreError(), pm.get("scoreError").asDouble(), 0);
        assertEquals(r.ci().get(0), pm.get("scoreConfidence").get(0).asDouble(), 0);
        assertEquals("IOPS", pm.get("scoreUnit").asText());
        int n = 0;
        for (JsonNode fork : pm.get("rawData")) {
            n += fork.size();
        }
        assertEquals(r.samples().size(), n);
        assertEquals(r.samples().get(0), pm.get("rawData").get(0).get(0).asDouble(), 0);
        assertTrue(pm.path("scorePercentiles").has("99.9"));
        assertEquals(r.secondary().get("storage.latency.p99").score(),
                e.path("secondaryMetrics").path("storage.latency.p99").path("score").asDouble(), 0);
        assertEquals("NaN", e.path("secondaryMetrics").path("storage.latency.p99").path("scoreError").asText());
    }

    @Test
    void importThenExportGivesJmhsNamesParamsAndRawDataBack() throws Exception {
        Path out = tmp.resolve("b");
        CliCapture c = CliCapture.run("import", ImportFixtures.path(ImportFixtures.JMH).toString(), "--out", out.toString());
        assertEquals(0, c.exitCode(), c.err());
        JsonNode original = new ObjectMapper().readTree(ImportFixtures.path(ImportFixtures.JMH).toFile());
        JsonNode exported = new ObjectMapper().readTree(new JmhExport().render(BundleReader.read(out)));
        assertEquals(original.size(), exported.size());
        // the avgt entry is no Assay figure: it keeps JMH's name, unit, params and raw data exactly
        JsonNode o = find(original, "avgt");
        JsonNode x = find(exported, "avgt");
        assertEquals(o.get("benchmark"), x.get("benchmark"));
        assertEquals(o.get("params"), x.get("params"));
        assertEquals(o.path("primaryMetric").get("scoreUnit"), x.path("primaryMetric").get("scoreUnit"));
        assertEquals(o.path("primaryMetric").get("rawData"), x.path("primaryMetric").get("rawData"));
        // the throughput entry is cpu.primes.sieve, exported under that name in numbers/s
        JsonNode t = find(exported, "thrpt");
        assertEquals("cpu.primes.sieve", t.get("benchmark").asText());
        assertEquals("numbers/s", t.path("primaryMetric").get("scoreUnit").asText());
        // and reading the export back maps it to the same metric and score
        Path file = Files.write(tmp.resolve("export.json"), new JmhExport().render(BundleReader.read(out)));
        Path again = tmp.resolve("again");
        assertEquals(0, CliCapture.run("import", file.toString(), "--out", again.toString()).exitCode());
        InvocationResult first = BundleReader.read(out).results().stream().filter(r -> r.metric().equals("cpu.primes.sieve")).findFirst().orElseThrow();
        InvocationResult back = BundleReader.read(again).results().stream().filter(r -> r.metric().equals("cpu.primes.sieve")).findFirst().orElseThrow();
        assertEquals(first.score(), back.score(), first.score() * 1e-12);
        assertEquals(first.params(), back.params());
    }

    private static JsonNode find(JsonNode array, String mode) {
        for (JsonNode e : array) {
            if (mode.equals(e.path("mode").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + mode + " entry in " + array);
    }
}
