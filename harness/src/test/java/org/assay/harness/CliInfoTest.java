package org.assay.harness;

import com.fasterxml.jackson.databind.JsonNode;
import org.assay.results.BundleFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliInfoTest {

    @Test
    void versionNamesVersionAndCommit() {
        CliCapture c = CliCapture.run("--version");
        assertEquals(0, c.exitCode());
        assertTrue(c.out().startsWith("assay "), c.out());
        assertTrue(c.out().contains("commit"), c.out());
    }

    @Test
    void listShowsEveryWorkloadAndSuite() {
        CliCapture c = CliCapture.run("list");
        assertEquals(0, c.exitCode());
        assertTrue(c.out().contains("memory.bandwidth.triad"));
        assertTrue(c.out().contains("cpu.primes.sieve"));
        assertTrue(c.out().contains("thorough"));
    }

    @Test
    void listJsonIsParseable() throws Exception {
        CliCapture c = CliCapture.run("list", "--json");
        JsonNode n = BundleFormat.mapper().readTree(c.out());
        assertTrue(n.get("workloads").size() >= 2);
        assertEquals("GB/s", n.get("workloads").get(0).get("unit").asText());
        assertEquals(3, n.get("suites").size());
    }
}
