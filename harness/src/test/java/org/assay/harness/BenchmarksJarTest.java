package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.InvocationResult;
import org.assay.results.Status;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workloads module's standard JMH jar, run as a user runs it ({@code java -jar ... -l}, a tiny
 * benchmark with {@code -rf json} and Assay's probe profiler as an external profiler), and its
 * JSON imported: the jar lists Assay's benchmarks, JMH's result maps to {@code cpu.primes.sieve}
 * in numbers/s, and the profiler's figures arrive as secondary results.
 */
class BenchmarksJarTest {

    /** Built by the workloads module's package phase, which a reactor build runs before these tests. */
    static final Path JAR = Path.of("..", "workloads", "target", "assay-benchmarks.jar");

    @TempDir
    Path tmp;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    @Test
    void theJarListsRunsAndProfilesAnAssayBenchmarkAndItsJsonImports() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath()
                + " is not built: build the workloads module too (./mvnw -pl harness -am verify)");
        String list = run(List.of(java(), "-jar", JAR.toString(), "-l"), tmp.resolve("list.log"));
        assertTrue(list.contains("org.assay.workloads.jmh.SegmentedSieveBench.sieve"), list);
        assertTrue(list.contains("org.assay.workloads.jmh.StorageBench.io"), list);

        Path json = tmp.resolve("sieve.json");
        List<String> cmd = new ArrayList<>(List.of(java(), "-Djmh.ignoreLock=true", "-jar", JAR.toString(),
                "org.assay.workloads.jmh.SegmentedSieveBench.sieve", "-p", "limit=100000", "-f", "1", "-wi", "1",
                "-i", "3", "-w", "100ms", "-r", "100ms", "-bm", "thrpt", "-rf", "json", "-rff", json.toString(),
                "-prof", "org.assay.workloads.fork.ProbeProfiler"));
        run(cmd, tmp.resolve("run.log"));

        JsonNode entry = new ObjectMapper().readTree(json.toFile()).get(0);
        double jmhScore = entry.path("primaryMetric").path("score").asDouble();
        List<String> probeFigures = new ArrayList<>();
        for (Iterator<String> it = entry.path("secondaryMetrics").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.startsWith("probe.")) {
                probeFigures.add(name);
            }
        }
        assertTrue(!probeFigures.isEmpty(), "ProbeProfiler ran as an external profiler: " + entry.path("secondaryMetrics"));

        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run("import", json.toString(), "--out", out.toString());
        assertEquals(0, c.exitCode(), c.out() + c.err());
        assertTrue(BundleVerifier.verify(out).ok());
        Bundle b = BundleReader.read(out);
        InvocationResult r = b.results().get(0);
        assertEquals(Status.ok, r.status());
        assertEquals("cpu.primes.sieve", r.metric());
        assertEquals("numbers/s", r.unit());
        assertEquals(100000, ((Number) r.params().get("limit")).intValue());
        // one fork of equal iterations: the mean of fork means is JMH's score, x limit numbers per op
        assertEquals(jmhScore * 100000, r.score(), jmhScore * 100000 * 1e-9);
        assertEquals(3, r.samples().size());
        assertTrue(r.secondary().keySet().containsAll(probeFigures), r.secondary().keySet().toString());
        assertEquals("jmh", b.manifest().importedFrom().tool());
        assertEquals(entry.path("jmhVersion").asText(), b.manifest().importedFrom().toolVersion());
    }
}
