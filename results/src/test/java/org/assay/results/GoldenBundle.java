package org.assay.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the bundle kept under {@code src/test/resources/bundles/v1}. To refresh it after a
 * deliberate format change: run {@code main} with the target directory, then review the diff.
 */
final class GoldenBundle {

    private GoldenBundle() {
    }

    static Path write(Path dir) throws IOException {
        try (BundleWriter w = BundleWriter.create(dir, Fixtures.manifest())) {
            w.append(Fixtures.result("memory.bandwidth.triad[threads=2]"));
            PlannedInvocation four = Fixtures.planned("memory.bandwidth.triad[threads=4]", List.of(0, 2, 4, 6));
            w.append(InvocationResult.failed(four, 2, "GB/s", true,
                    "fork exited with status 137 (killed: out of memory?)", "2026-11-22T10:15:22Z",
                    "2026-11-22T10:15:30Z", Fixtures.settings()));
            w.append(InvocationResult.skipped(Fixtures.planned("memory.bandwidth.triad[threads=16]",
                            List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)), 2, "GB/s",
                    true, "16 threads planned but only 8 CPUs allowed", "2026-11-22T10:15:30Z"));
            w.appendJmhEntries(BundleFormat.mapper().readTree(
                    "[{\"benchmark\":\"org.assay.workloads.jmh.StreamTriadBench.triad\",\"mode\":\"thrpt\","
                            + "\"primaryMetric\":{\"score\":18.25,\"scoreError\":0.5,\"scoreUnit\":\"GB/s\"}}]"));
            w.appendProbeSamples(List.of(
                    new ProbeSample("2026-11-22T10:15:04Z", "rapl.energy", "package0", 1234.5, "J"),
                    new ProbeSample("2026-11-22T10:15:04Z", "msr.throttle", "cpu0", Double.NaN, "events")));
            Files.writeString(w.histogramPath("memory.latency.chase[ws=32KiB]"),
                    "#[StartTime: 1795342503.000 (seconds since epoch)]\n");
            w.finish(Fixtures.finished().withStatus(RunStatus.partial, "1 of 3 invocations failed, 1 skipped"));
        }
        return dir;
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]));
    }
}
