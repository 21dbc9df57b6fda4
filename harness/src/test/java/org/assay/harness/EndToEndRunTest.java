package org.assay.harness;

import org.assay.results.Bundle;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.InvocationResult;
import org.assay.results.RunStatus;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quick path with real JMH forks and tiny settings (as jmh-core-it does): plan, pin, measure,
 * record, verify. Numbers are not checked for speed, only for being real measurements.
 */
class EndToEndRunTest {

    @TempDir
    Path tmp;

    @Test
    void smokeRunWritesVerifiableBundleWithPinnedScores() throws Exception {
        Path out = tmp.resolve("bundle");
        CliCapture c = CliCapture.run("run", "--smoke", "--progress", "plain", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.out() + c.err());

        for (String f : List.of("run.json", "results.jsonl", "jmh.json", "SHA256SUMS")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        Bundle b = BundleReader.read(out);
        assertEquals(RunStatus.complete, b.manifest().status());
        // one result per invocation, or one per point of a sweep (which names its invocation)
        for (var planned : b.manifest().plan()) {
            assertTrue(b.results().stream().anyMatch(r -> r.invocationId().equals(planned.invocationId())
                    || planned.invocationId().equals(r.settings().get("sweep"))), planned.invocationId());
        }
        assertTrue(b.results().size() >= 2, "at least triad and sieve");
        for (InvocationResult r : b.results()) {
            if ("derived".equals(r.settings().get("harness"))) {
                continue; // computed from other results after the run (memory.latency.level)
            }
            assertEquals(Status.ok, r.status(), r.invocationId() + ": " + r.reason());
            assertNotNull(r.score(), r.invocationId());
            assertTrue(r.score() > 0, r.invocationId());
            assertEquals(3, r.samples().size(), "3 measured iterations in smoke settings");
            assertEquals(r.threads(), r.cpus().size(), "each worker reported the CPU it ran on");
            assertEquals(r.requestedCpus(), r.cpus(), "workers ran where they were pinned");
            assertEquals(r.threads(), r.placement().size(), "one placement per worker: " + r.invocationId());
            for (var w : r.placement()) {
                assertEquals(org.assay.results.WorkerPlacement.AS_PLANNED, w.verdict(), r.invocationId() + ": " + w);
                assertEquals(r.requestedCpus().get(w.worker()), w.plannedCpu());
                assertNotNull(w.numaNode(), "the planned CPU located in the topology: " + w);
            }
            assertTrue(r.secondary().containsKey("host.steal"), "steal measured over the invocation");
            // a workload's own fork flags reach its forks only (cpu.fft: 64-byte object alignment)
            assertEquals("cpu.fft".equals(r.metric()),
                    String.valueOf(r.settings().get("jvmArgs")).contains("-XX:ObjectAlignmentInBytes=64"),
                    r.invocationId() + " " + r.settings().get("jvmArgs"));
        }
        // the round trips' histogram is in the bundle and its percentiles in the result
        InvocationResult rr = b.results().stream().filter(r -> r.metric().equals("network.tcp.rr")).findFirst().orElseThrow();
        assertTrue(Files.size(out.resolve("histograms").resolve(org.assay.results.BundleFormat.histogramFileName(rr.invocationId()))) > 0);
        assertTrue(rr.secondary().get("latency.p99.9").score() >= rr.secondary().get("latency.p50").score(), rr.secondary().toString());
        InvocationResult stream = b.results().stream().filter(r -> r.metric().equals("network.tcp.stream")).findFirst().orElseThrow();
        assertTrue(stream.secondary().containsKey("receiver.bytesPerCpuSecond"), stream.secondary().toString());
        assertTrue(BundleVerifier.verify(out).ok());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.startsWith("## Assay run: "), summary);
        assertTrue(summary.contains("| memory.bandwidth.triad | "), "every result in the markdown summary");
        assertEquals(List.of(), BundleFieldSet.differences(out), "the bundle's files and fields are those of bundle-fields.txt");
        // the comparison can fail: a renamed field is named both as missing and as unknown
        Path renamed = tmp.resolve("renamed");
        Files.createDirectories(renamed);
        for (String f : List.of("run.json", "jmh.json", "jmh.log", "SHA256SUMS")) {
            Files.copy(out.resolve(f), renamed.resolve(f));
        }
        Files.writeString(renamed.resolve("results.jsonl"),
                Files.readString(out.resolve("results.jsonl")).replace("\"scoreError\"", "\"scoreErr\""));
        List<String> diffs = BundleFieldSet.differences(renamed);
        assertTrue(diffs.contains("missing results.jsonl /scoreError"), diffs.toString());
        assertTrue(diffs.contains("not in bundle-fields.txt: results.jsonl /scoreErr"), diffs.toString());
        assertTrue(c.out().contains("memory.bandwidth.triad"), "summary printed");
        assertEquals(0, CliCapture.run("verify", out.toString()).exitCode());
    }

    @Test
    void verifyNamesFileMissingFromRealBundle() throws Exception {
        Path out = tmp.resolve("bundle2");
        CliCapture c = CliCapture.run("run", "--smoke", "--only", "cpu.primes.sieve", "--threads", "1",
                "--progress", "none", "--out", out.toString());
        assertEquals(0, c.exitCode(), c.out() + c.err());
        Files.delete(out.resolve("jmh.json"));
        CliCapture v = CliCapture.run("verify", out.toString());
        assertEquals(1, v.exitCode());
        assertTrue(v.out().contains("MISSING jmh.json"), v.out());
        assertFalse(BundleVerifier.verify(out).ok());
    }
}
