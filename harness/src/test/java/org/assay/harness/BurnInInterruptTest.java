package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.harness.execution.ForkFlags;
import org.assay.results.Bundle;
import org.assay.results.BundleFormat;
import org.assay.results.BundleReader;
import org.assay.results.BundleVerifier;
import org.assay.results.RunStatus;
import org.assay.results.Termination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A burn-in stopped from outside (SIGTERM; Ctrl-C's SIGINT runs the same shutdown hooks) ends
 * cleanly: a partial verdict on what ran, the bundle closed and verifying, no storage file left.
 */
class BurnInInterruptTest {

    @TempDir
    Path tmp;

    @Test
    void aStoppedBurnInJudgesWhatRanAndRemovesItsFiles() throws Exception {
        Path out = tmp.resolve("bundle");
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ForkFlags.forFeature(Runtime.version().feature()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "burn-in",
                "--duration", "2m", "--interval", "0.5s", "--cpu", "1", "--memory", "8MiB", "--storage", disk.toString(),
                "--storage-size", "4MiB", "--progress", "plain", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("console.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(out.resolve("burnin.csv")) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            assertTrue(p.isAlive(), Files.readString(tmp.resolve("console.txt")));
            p.destroy();  // SIGTERM
            assertTrue(p.waitFor(40, TimeUnit.SECONDS), "stops after SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        Bundle b = BundleReader.read(out);
        assertEquals(RunStatus.partial, b.manifest().status());
        assertEquals(Termination.interrupted, b.manifest().termination());
        assertTrue(BundleVerifier.verify(out).ok(), BundleVerifier.verify(out).problems().toString());
        JsonNode j = BundleFormat.mapper().readTree(out.resolve("burnin.json").toFile());
        assertTrue(j.path("interrupted").asBoolean());
        assertEquals("INCONCLUSIVE", j.path("verdict").asText(), "a partial verdict: nothing failed in what ran");
        try (var s = Files.list(disk)) {
            assertEquals(List.of(), s.toList(), "storage files removed");
        }
    }
}
