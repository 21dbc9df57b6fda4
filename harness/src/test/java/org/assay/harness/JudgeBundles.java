package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.assay.results.BundleWriter;
import org.assay.results.InvocationResult;
import org.assay.results.RunManifest;
import org.assay.results.RunStatus;
import org.assay.results.Status;
import org.assay.results.Termination;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hand-made bundles for {@code score}, {@code accept} and {@code profile create}: a 4-core,
 * 8-thread machine (its inventory in {@link #INVENTORY}) with three results whose intervals are
 * narrow, written with {@link BundleWriter} so that they verify.
 */
final class JudgeBundles {

    static final String INVENTORY = """
            {"cpu": {"name": "Made Up Testium 4000 4-Core Processor", "vendor": "Made Up", "sockets": 1,
                     "physicalCores": 4, "logicalCpus": 8, "smt": true},
             "caches": [{"label": "L1d", "level": 1, "type": "Data", "sizeBytes": 32768, "instances": 4},
                        {"label": "L1i", "level": 1, "type": "Instruction", "sizeBytes": 32768, "instances": 4},
                        {"label": "L2", "level": 2, "type": "Unified", "sizeBytes": 1048576, "instances": 4},
                        {"label": "L3", "level": 3, "type": "Unified", "sizeBytes": 16777216, "instances": 1}],
             "numa": [{"id": 0, "cpus": "0-7", "memTotalBytes": 16000000000}],
             "memory": {"totalBytes": 16500000000},
             "frequency": {"cpufreqMaxKhz": 3000000}}
            """;

    private JudgeBundles() {
    }

    static InvocationResult ok(String metric, Map<String, Object> params, int threads, String unit, boolean higherIsBetter,
                               double score, double half) {
        return InvocationResult.builder().invocationId(metric + "[threads=" + threads + "]").workload(metric).definitionVersion(1)
                .metric(metric).params(params).threads(threads).unit(unit).higherIsBetter(higherIsBetter)
                .score(score).scoreError(half).ci(List.of(score - half, score + half))
                .samples(List.of(score, score, score, score, score)).status(Status.ok)
                .start("2026-12-01T10:00:00Z").end("2026-12-01T10:00:10Z").build();
    }

    /** The three results at the given dgemm score (GFLOP/s) and chase latency (ns). */
    static List<InvocationResult> results(double dgemm, double chase) {
        return List.of(
                ok("cpu.dgemm", Map.of("n", 512), 1, "GFLOP/s", true, dgemm, dgemm * 0.005),
                ok("memory.latency.chase", Map.of("workingSetBytes", 1024), 1, "ns", false, chase, chase * 0.005),
                ok("memory.bandwidth.triad", Map.of("layout", "interleaved"), 4, "GB/s", true, 40, 0.2));
    }

    static Path write(Path dir, List<InvocationResult> results) throws IOException {
        JsonNode inventory = BundleFormat.mapper().readTree(INVENTORY);
        RunManifest m = RunManifest.builder().assayVersion("0.1.0").host("testhost").suite("quick")
                .start("2026-12-01T10:00:00Z").inventory(inventory).build();
        try (BundleWriter w = BundleWriter.create(dir, m)) {
            for (InvocationResult r : results) {
                w.append(r);
            }
            w.finish(m.withEnd("2026-12-01T10:01:00Z", RunStatus.complete, null, Termination.normal));
        }
        return dir;
    }

    /** Replaces {@code from} by {@code to} in results.jsonl and, if {@code resum}, writes SHA256SUMS again (as sha256sum would). */
    static void edit(Path dir, String from, String to, boolean resum) throws Exception {
        Path results = dir.resolve("results.jsonl");
        String text = Files.readString(results);
        if (!text.contains(from)) {
            throw new AssertionError(from + " not in " + results);
        }
        Files.writeString(results, text.replace(from, to));
        if (resum) {
            StringBuilder sums = new StringBuilder();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String rel = dir.relativize(f).toString();
                    if (!rel.equals("SHA256SUMS")) {
                        sums.append(sha256(f)).append("  ").append(rel).append('\n');
                    }
                }
            }
            Files.writeString(dir.resolve("SHA256SUMS"), sums.toString(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
