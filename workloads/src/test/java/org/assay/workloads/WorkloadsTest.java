package org.assay.workloads;

import org.assay.workloads.memory.TriadWorkload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadsTest {

    @Test
    void globSelectsByPrefixAndSuffix() {
        assertTrue(ids(Workloads.matching("memory.*")).stream().allMatch(id -> id.startsWith("memory.")));
        assertTrue(ids(Workloads.matching("memory.*")).contains("memory.latency.chase"));
        assertEquals(List.of("memory.bandwidth.triad"), ids(Workloads.matching("*.triad")));
        assertTrue(ids(Workloads.matching("cpu.*, memory.*")).containsAll(List.of("memory.bandwidth.triad", "cpu.primes.sieve")));
        assertTrue(Workloads.matching("disk.*").isEmpty());
    }

    @Test
    void globTreatsDotsLiterally() {
        assertTrue(Workloads.matching("memoryXbandwidth.triad").isEmpty());
    }

    @Test
    void triadArraysAreAtLeastFourTimesTheLastLevelCache() {
        long llc = 32L << 20;
        long n = TriadWorkload.arrayElementsFor(new SizingContext(llc, 16L << 30, 2));
        assertTrue(n * Double.BYTES >= 4 * llc, "array bytes " + n * 8);
        assertEquals(0, n % (1 << 20));
    }

    @Test
    void triadRefusesArraysLargerThanAvailableMemory() {
        Workload triad = Workloads.byId("memory.bandwidth.triad").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> triad.validate(
                Map.of("arrayElements", 1L << 27), 1, new SizingContext(32L << 20, 1L << 30, 2)));
        assertTrue(e.getMessage().contains("available"), e.getMessage());
    }

    @Test
    void triadScoreCountsBytesOfEachWorkersShare() {
        Workload triad = Workloads.byId("memory.bandwidth.triad").orElseThrow();
        assertEquals(24.0 * 500 / 1e9, triad.scorePerOp(Map.of("arrayElements", 1001L), 2), 1e-18);
    }

    @Test
    void sieveRefusesLimitWithoutReferenceCount() {
        Workload sieve = Workloads.byId("cpu.primes.sieve").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> sieve.validate(
                Map.of("limit", 12345L, "segmentBytes", 32768), 1, new SizingContext(0, 0, 1)));
    }

    @Test
    void everyWorkloadHasSummaryUnitAndTestSize() {
        for (Workload w : Workloads.all()) {
            assertTrue(!w.summary().isBlank() && !w.unit().isBlank() && !w.testParams().isEmpty(), w.id());
            assertTrue(w.definitionVersion() >= 1, w.id());
        }
    }

    private static List<String> ids(List<Workload> ws) {
        return ws.stream().map(Workload::id).toList();
    }
}
