package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import net.openhft.affinity.Affinity;
import org.assay.probes.topology.AllowedCpus;
import org.assay.results.BundleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine slowed down on purpose half way through is flagged for its drop: one CPU-load thread
 * on one CPU, and once half the intervals are recorded a busy thread pinned to the same CPU takes
 * about half of it. The drop (about 50%) is far beyond the 10% limit and the noise of a shared
 * 2-CPU host, so the trend check fails however busy the neighbours are; steal and steadiness are
 * set aside (--max-steal 100, --max-cv 100) so that only the trend decides.
 */
class BurnInThrottleTest {

    @TempDir
    Path tmp;

    @Test
    void aCompetitorHalfWayThroughIsFlaggedAsADrop() throws Exception {
        List<Integer> allowed = AllowedCpus.read(Path.of("/")).cpus();
        int cpu = allowed.get(allowed.size() - 1);
        Path out = tmp.resolve("bundle");
        CompletableFuture<CliCapture> run = CompletableFuture.supplyAsync(() -> CliCapture.run("burn-in", "--cpu", "1",
                "--cpu-kernels", "dgemm", "--cpus", String.valueOf(cpu), "--duration", "14s", "--interval", "0.25s",
                "--max-steal", "100", "--max-cv", "100", "--probe-rate", "0", "--progress", "none", "--out", out.toString()));
        AtomicBoolean stop = new AtomicBoolean();
        Thread competitor = new Thread(() -> {
            BitSet mask = new BitSet();
            mask.set(cpu);
            Affinity.setAffinity(mask);
            long x = 0;
            while (!stop.get()) {
                x += x * 31 + 7;
            }
            if (x == 42) {
                System.out.print("");   // keeps the loop live
            }
        }, "competitor");
        try {
            Path csv = out.resolve("burnin.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // half of the 56 intervals (4 meter rows each) recorded: start competing for the CPU
            while (rows(csv) < 1 + 28 * 4 && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            competitor.start();
            CliCapture c = run.get(60, TimeUnit.SECONDS);
            assertEquals(1, c.exitCode(), c.out() + c.err());
        } finally {
            stop.set(true);
        }
        JsonNode checks = BundleFormat.mapper().readTree(out.resolve("burnin.json").toFile()).path("checks");
        JsonNode trend = null;
        for (JsonNode ch : checks) {
            if (ch.path("name").asText().equals("cpu.trend")) {
                trend = ch;
            }
        }
        assertTrue(trend != null, checks.toString());
        assertEquals("FAIL", trend.path("verdict").asText(), trend.toString());
        assertTrue(trend.path("value").asDouble() > 20, "a drop of about half: " + trend);
    }

    private static long rows(Path f) throws Exception {
        if (!Files.exists(f)) {
            return 0;
        }
        try (var s = Files.lines(f)) {
            return s.count();
        }
    }
}
