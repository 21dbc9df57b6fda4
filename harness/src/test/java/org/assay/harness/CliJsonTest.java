package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's {@code --json} parses and has the keys, in the order, that scripts read. */
class CliJsonTest {

    private static JsonNode json(CliCapture c) throws Exception {
        assertEquals(0, c.exitCode(), c.err());
        return BundleFormat.mapper().readTree(c.out());
    }

    private static List<String> keys(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void listHasWorkloadsAndSuites() throws Exception {
        JsonNode n = json(CliCapture.run("list", "--json"));
        assertEquals(List.of("workloads", "suites"), keys(n));
        for (JsonNode w : n.get("workloads")) {
            assertEquals(List.of("id", "summary", "unit", "higherIsBetter", "definitionVersion", "benchmark",
                    "testParams"), keys(w));
            assertTrue(w.get("higherIsBetter").isBoolean() && w.get("definitionVersion").isInt(), w.toString());
            assertTrue(w.get("testParams").isObject() && w.get("testParams").size() > 0, w.toString());
        }
        for (JsonNode s : n.get("suites")) {
            assertEquals(List.of("name", "summary"), keys(s));
        }
    }

    @Test
    void probesHaveAvailabilityAndReadings() throws Exception {
        JsonNode top = json(CliCapture.run("probes", "--json"));
        assertEquals(List.of("probes", "machine"), keys(top));
        assertEquals(List.of("root", "liveMachine", "clocks", "throttle", "rapl", "temperatures"),
                keys(top.get("machine")));
        assertTrue(top.at("/machine/liveMachine").asBoolean(), "no --root: this machine");
        JsonNode arr = top.get("probes");
        assertTrue(arr.isArray() && arr.size() == 8, arr.toString());
        for (JsonNode p : arr) {
            List<String> expected = new ArrayList<>(List.of("id", "unit", "description", "available", "source",
                    "reason", "fix", "readings"));
            if (p.has("details")) {
                assertFalse(p.get("details").asText().isEmpty(), "details only when there are some: " + p);
                expected.add(7, "details");
            }
            assertEquals(expected, keys(p));
            for (JsonNode r : p.get("readings")) {
                assertEquals(List.of("name", "scope", "value", "unit"), keys(r));
            }
        }
    }

    @Test
    void inventoryIsTheRecordRunJsonHolds(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal: 1024000 kB\nMemAvailable: 512000 kB\n");
        JsonNode n = json(CliCapture.run("inventory", "--json", "--no-oshi", "--root", root.toString()));
        assertTrue(keys(n).containsAll(List.of("root", "collectedAt", "collectMillis", "oshiUsed", "cpu", "caches",
                "numa", "memory", "disks", "filesystems", "nics", "os", "jvm", "virtualization", "container",
                "allowedCpus", "frequency", "notes", "peak")), keys(n).toString());
        assertEquals(1024000L * 1024, n.at("/memory/totalBytes").asLong());
    }

    @Test
    void aDryRunPrintsThePlanAsRunJsonRecordsIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("b");
        JsonNode n = json(CliCapture.run("run", "--dry-run", "--json", "--only", "cpu.fft", "--threads", "1",
                "--out", out.toString()));
        assertEquals(List.of("cpus", "invocations", "ladder", "estimatedSeconds"), keys(n));
        // --threads 1: the one step, a bare count
        assertEquals(1, n.get("ladder").size());
        assertEquals(List.of("workers", "scopes", "label"), keys(n.get("ladder").get(0)));
        assertEquals("1", n.at("/ladder/0/label").asText());
        assertEquals("COUNT", n.at("/ladder/0/scopes/0").asText());
        assertEquals(1, n.get("invocations").size());
        JsonNode i = n.get("invocations").get(0);
        assertEquals(List.of("invocationId", "workload", "metric", "params", "threads", "cpus", "estimatedSeconds"),
                keys(i));
        assertEquals("cpu.fft", i.get("workload").asText());
        assertEquals(i.get("estimatedSeconds").asDouble(), n.get("estimatedSeconds").asDouble(), 0.11);
        assertFalse(Files.exists(out), "a dry run writes nothing");
    }

    @Test
    void aDryRunWithAPrecisionTargetGivesTheTargetAndTheWorstCase(@TempDir Path tmp) throws Exception {
        JsonNode n = json(CliCapture.run("run", "--dry-run", "--json", "--only", "cpu.fft", "--threads", "1",
                "--precision", "1%", "--max-time", "90s", "--out", tmp.resolve("b").toString()));
        assertEquals(List.of("cpus", "invocations", "ladder", "estimatedSeconds", "precision", "maxSeconds"), keys(n));
        assertEquals(0.01, n.get("precision").asDouble(), 1e-12);
        // one invocation per fft size: each may take 90 s, or its estimate when that is longer
        double worst = 0;
        for (JsonNode i : n.get("invocations")) {
            worst += Math.max(90, i.get("estimatedSeconds").asDouble());
        }
        assertEquals(worst, n.get("maxSeconds").asDouble(), 0.2);
    }

    @Test
    void jsonWithoutDryRunIsRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("b");
        CliCapture c = CliCapture.run("run", "--json", "--out", out.toString());
        assertEquals(Main.EXIT_USAGE, c.exitCode());
        assertTrue(c.err().contains("--json: only with --dry-run"), c.err());
        assertFalse(Files.exists(out));
    }
}
