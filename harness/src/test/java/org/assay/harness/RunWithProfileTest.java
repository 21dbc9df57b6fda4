package org.assay.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code assay run --profile}: the profile picks the workloads, and the run ends with accept's verdict and exit status. */
class RunWithProfileTest {

    @TempDir
    Path tmp;

    private Path profile(String rule) throws Exception {
        Path p = tmp.resolve("sieve.yaml");
        Files.writeString(p, """
                id: sieve-only
                kind: golden-machine
                acceptance:
                  rules:
                    - metric: cpu.primes.sieve
                """ + rule);
        return p;
    }

    @Test
    void theProfilesMetricsAreWhatRuns() throws Exception {
        CliCapture c = CliCapture.run("run", "--dry-run", "--profile", profile("      min: { value: 1, unit: numbers/s }\n").toString());
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("cpu.primes.sieve"), c.out());
        assertFalse(c.out().contains("cpu.dgemm"), c.out());
        assertFalse(c.out().contains("memory."), c.out());
    }

    @Test
    void aBadProfileIsRefusedBeforeAnythingRuns() throws Exception {
        Path out = tmp.resolve("never");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "id: bad\nkind: nonsense\n");
        CliCapture c = CliCapture.run("run", "--smoke", "--profile", bad.toString(), "--out", out.toString());
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().strip().startsWith("assay run: " + bad), c.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void theRunEndsWithTheVerdict() throws Exception {
        // No sieve reaches 10^30 numbers per second: the rule fails, and so does the run.
        Path out = tmp.resolve("run");
        CliCapture c = CliCapture.run("run", "--smoke", "--progress", "none", "--only", "cpu.primes.sieve", "--threads", "1",
                "--profile", profile("      min: { value: 1.0e30, unit: numbers/s }\n").toString(), "--out", out.toString());
        assertEquals(1, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().matches("(?s).*FAIL +cpu\\.primes\\.sieve.*"), c.out());
        assertTrue(c.out().contains("Verdict: FAIL"), c.out());
        assertEquals(0, CliCapture.run("verify", out.toString()).exitCode());
    }
}
