package org.assay.analysis.judging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assay.profiles.MetricCatalog;
import org.assay.profiles.Profile;
import org.assay.profiles.ProfileLibrary;
import org.assay.results.Bundle;
import org.assay.results.InvocationResult;
import org.assay.results.RunManifest;
import org.assay.results.Status;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Hand-made profiles, results and an inventory whose scores and verdicts the tests work out by
 * hand. The spec: 1 socket x 4 cores x 2 threads, 2.0 GHz base, 3.0 GHz max, 16 FP64 FLOP per
 * cycle, 2 channels of DDR5-4800; so fp64-peak = 1 x 4 x 2.0 x 16 = 128 GFLOP/s,
 * fp64-peak-one-core = 3.0 x 16 = 48 GFLOP/s, dram-bandwidth = 1 x 2 x 4800 x 8 B = 76.8 GB/s.
 */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String BASE = """
            id: base-cpu
            kind: vendor-spec
            description: a made-up 4-core part
            spec:
              cpu:
                vendor: Made Up
                model: Testium 4000
                sockets: 1
                cores-per-socket: 4
                threads-per-core: 2
                base-ghz: 2.0
                max-boost-ghz: 3.0
                fp64-flops-per-cycle: 16
                caches: { l1d-kib-per-core: 32, l2-kib-per-core: 1024, l3-mib-per-socket: 16 }
              memory: { size-gib: 16, channels-per-socket: 2, mt-s: 4800 }
            """;

    /** Extends {@link #BASE}: expected results and rules, one of them against the inherited dram-bandwidth. */
    static final String BOX = """
            id: lab-box
            kind: golden-machine
            extends: base-cpu
            expected:
              - { metric: cpu.dgemm, params: { n: 512, threads: 1 }, value: 40, unit: GFLOP/s }
              - { metric: cpu.dgemm, params: { n: 512, threads: 4 }, value: 100, unit: GFLOP/s }
              - { metric: cpu.fft, params: { n: 1024, threads: 1 }, value: 10, unit: GFLOP/s }
              - { metric: memory.latency.chase, params: { workingSetBytes: 1024, threads: 1 }, value: 2.0, unit: ns }
              - { metric: memory.bandwidth.triad, params: { threads: 4 }, value: 40, unit: GB/s }
            acceptance:
              defaults:
                cpu: { min: { share-of: expected, fraction: 0.9 } }
              rules:
                - { metric: memory.latency.chase, max: { share-of: expected, fraction: 1.1 } }
                - { metric: memory.bandwidth.triad, min: { share-of: dram-bandwidth, fraction: 0.5 } }
            """;

    private Fixtures() {
    }

    static Profile profile(String id, String... texts) {
        ProfileLibrary library = ProfileLibrary.empty(MetricCatalog.anyName());
        for (int i = 0; i < texts.length; i++) {
            library.addText("test-" + i + ".yaml", texts[i]);
        }
        return library.resolve(id);
    }

    /** An ok result whose interval is [score - half, score + half], with five samples and no interval section (df 4). */
    static InvocationResult ok(String metric, Map<String, Object> params, int threads, String unit, boolean higherIsBetter,
                               double score, double half) {
        return InvocationResult.builder().invocationId(metric + params + "[threads=" + threads + "]").workload(metric)
                .metric(metric).params(params).threads(threads).unit(unit).higherIsBetter(higherIsBetter)
                .score(score).scoreError(half).ci(List.of(score - half, score + half))
                .samples(List.of(score, score, score, score, score)).status(Status.ok).build();
    }

    /** The run the tests judge: dgemm at 1 and 4 threads, the chase, the triad, and an fft that failed. */
    static List<InvocationResult> run() {
        return List.of(
                ok("cpu.dgemm", Map.of("n", 512), 1, "GFLOP/s", true, 44, 1),
                ok("cpu.dgemm", Map.of("n", 512), 4, "GFLOP/s", true, 92, 3),
                ok("memory.latency.chase", Map.of("workingSetBytes", 1024), 1, "ns", false, 2.5, 0.1),
                ok("memory.bandwidth.triad", Map.of(), 4, "GB/s", true, 40, 1),
                InvocationResult.builder().invocationId("cpu.fft[threads=1]").workload("cpu.fft").metric("cpu.fft")
                        .params(Map.of("n", 1024)).threads(1).unit("GFLOP/s").higherIsBetter(true)
                        .status(Status.failed).reason("fork exited with status 137").build());
    }

    /** An inventory that matches {@link #BASE} in every field it records. */
    static JsonNode inventory() {
        try {
            return JSON.readTree("""
                    {"cpu": {"name": "Made Up Testium 4000 4-Core Processor", "vendor": "Made Up", "sockets": 1,
                             "physicalCores": 4, "logicalCpus": 8, "smt": true},
                     "caches": [{"label": "L1d", "level": 1, "type": "Data", "sizeBytes": 32768, "instances": 4},
                                {"label": "L2", "level": 2, "type": "Unified", "sizeBytes": 1048576, "instances": 4},
                                {"label": "L3", "level": 3, "type": "Unified", "sizeBytes": 16777216, "instances": 1}],
                     "numa": [{"id": 0, "cpus": "0-7", "memTotalBytes": 16000000000}],
                     "memory": {"totalBytes": 16500000000},
                     "frequency": {"cpufreqMaxKhz": 3000000}}
                    """);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Bundle bundle(String name, List<InvocationResult> results, JsonNode inventory) {
        RunManifest m = RunManifest.builder().host("testhost").inventory(inventory).build();
        return new Bundle(Path.of(name), m, results);
    }
}
