package org.assay.harness;

import org.assay.harness.execution.ForkFlags;
import org.assay.results.Bundle;
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
 * A run stopped from outside (SIGTERM, as Ctrl-C's SIGINT also runs the shutdown hooks) loses only
 * the invocation in flight: what finished stays, the bundle is closed as partial and verifies.
 */
class InterruptedRunTest {

    @TempDir
    Path tmp;

    @Test
    void terminatedRunKeepsFinishedInvocationsAndClosesBundle() throws Exception {
        Path out = tmp.resolve("bundle");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ForkFlags.forFeature(Runtime.version().feature()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--smoke", "--progress", "none", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("console.txt").toFile()).start();
        try {
            Path results = out.resolve("results.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines(results) < 1 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the run must still be going when it is stopped: "
                    + Files.readString(tmp.resolve("console.txt")));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the run stops after SIGTERM");
        } finally {
            p.destroyForcibly();
        }

        Bundle b = BundleReader.read(out);
        assertEquals(RunStatus.partial, b.manifest().status());
        assertEquals(Termination.interrupted, b.manifest().termination());
        assertTrue(b.manifest().statusReason().startsWith("interrupted after"), b.manifest().statusReason());
        assertTrue(b.results().size() >= 1 && b.results().size() < b.manifest().plan().size(),
                b.results().size() + " of " + b.manifest().plan().size());
        assertTrue(BundleVerifier.verify(out).ok(), "closed with SHA256SUMS: " + BundleVerifier.verify(out).problems());
    }

    private static long lines(Path f) throws Exception {
        if (!Files.exists(f)) {
            return 0;
        }
        try (var s = Files.lines(f)) {
            return s.filter(l -> !l.isBlank()).count();
        }
    }

}
