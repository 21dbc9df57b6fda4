package org.assay.workloads.memory;

import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryWorkloadsTest {

    private static final SizingContext VM = new SizingContext(32L << 20, 23L << 30, 2);

    private static Workload byId(String id) {
        return Workloads.byId(id).orElseThrow();
    }

    @Test
    void theHugePageChaseIsLabelledInEveryPointAndOnlyForTheRandomPattern() {
        Workload chase = byId("memory.latency.chase");
        Map<String, Object> p = new java.util.LinkedHashMap<>(ChaseWorkload.params("random", List.of(4096L, 8192L), 64));
        assertEquals("default", p.get("thp"));
        assertTrue(chase.sweepPoints(p).stream().noneMatch(q -> q.containsKey("thp")), "the default curve stays as it was");
        p.put("thp", "huge");
        chase.validate(p, 1, VM);
        assertTrue(chase.sweepPoints(p).stream().allMatch(q -> "huge".equals(q.get("thp"))));
        p.put("thp", "sometimes");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> chase.validate(p, 1, VM));
        assertTrue(bad.getMessage().contains("thp must be default"), bad.getMessage());
        Map<String, Object> strided = new java.util.LinkedHashMap<>(ChaseWorkload.params("strided", List.of(1L << 20), 256));
        strided.put("thp", "huge");
        assertThrows(IllegalArgumentException.class, () -> chase.validate(strided, 1, VM));
    }

    @Test
    void quickChaseCurveRunsFromTheL1ToFourTimesTheLlcInOneInvocation() {
        List<Map<String, Object>> sets = byId("memory.latency.chase").paramSets(Suite.quick, VM);
        assertEquals(1, sets.size());
        List<Long> sizes = ChaseWorkload.workingSets(sets.get(0));
        assertEquals(4096L, sizes.get(0));
        assertEquals(128L << 20, sizes.get(sizes.size() - 1));
    }

    @Test
    void standardChaseHasMidpointsAndStridesFromEightBytesToAPage() {
        List<Map<String, Object>> sets = byId("memory.latency.chase").paramSets(Suite.standard, VM);
        assertTrue(ChaseWorkload.workingSets(sets.get(0)).contains(1536L), "1.5 KiB midpoint");
        assertEquals(List.of(8L, 4096L), List.of(((Number) sets.get(1).get("strideBytes")).longValue(),
                ((Number) sets.get(sets.size() - 1).get("strideBytes")).longValue()));
    }

    @Test
    void sweepSettingsAreWholeRoundsOverThePoints() {
        Workload chase = byId("memory.latency.chase");
        Map<String, Object> p = ChaseWorkload.params("random", List.of(4096L, 8192L, 16384L), 64);
        MeasurementSettings m = chase.settings(MeasurementSettings.forSuite(Suite.quick), p);
        assertEquals(3, m.warmupIterations());
        assertEquals(15, m.measurementIterations());
        assertEquals(3, chase.sweepPoints(p).size());
        assertEquals(4096L, chase.sweepPoints(p).get(0).get("workingSetBytes"));
    }

    @Test
    void chaseRefusesStridesThatAreNotPowersOfTwo() {
        Workload chase = byId("memory.latency.chase");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chase.validate(
                ChaseWorkload.params("strided", List.of(1L << 20), 48), 1, VM));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
    }

    @Test
    void chaseRefusesWorkingSetsAboveOneGibibyteAndMoreThanOneThread() {
        Workload chase = byId("memory.latency.chase");
        assertThrows(IllegalArgumentException.class, () -> chase.validate(
                ChaseWorkload.params("random", List.of(2L << 30), 64), 1, VM));
        assertThrows(IllegalArgumentException.class, () -> chase.validate(
                ChaseWorkload.params("random", List.of(4096L), 64), 2, VM));
    }

    @Test
    void pressureRefusesRegionsThatDoNotFitBesideTheFork() {
        Workload p = byId("memory.pressure.firstTouch");
        SizingContext small = new SizingContext(32L << 20, 2L << 30, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.validate(Map.of("regionBytes", 1L << 30, "thp", "huge"), 1, small));
        assertTrue(e.getMessage().contains("available"), e.getMessage());
    }

    @Test
    void pressureRegionIsAPowerOfTwoShareOfAvailableMemory() {
        assertEquals(512L << 20, PressureWorkload.regionBytesFor(Suite.quick, 23L << 30, true));
        assertEquals(4L << 30, PressureWorkload.regionBytesFor(Suite.standard, 23L << 30, false));
        assertEquals(8L << 30, PressureWorkload.regionBytesFor(Suite.thorough, 23L << 30, false));
        assertEquals(1L << 30, PressureWorkload.regionBytesFor(Suite.standard, 23L << 30, true),
                "first touch is capped at 1 GiB in standard");
        assertEquals(1L << 30, PressureWorkload.regionBytesFor(Suite.standard, 6L << 30, true),
                "a quarter of 4.5 GiB, under the cap");
    }

    @Test
    void pressureRegionsOnA15TiBServerAreCappedNotAShareOfTheMachine() {
        long genoa = 1_584_000_000L * 1024;   // the 2-socket fixture's MemAvailable-sized memory
        assertEquals(1L << 30, PressureWorkload.regionBytesFor(Suite.standard, genoa, true));
        assertEquals(16L << 30, PressureWorkload.regionBytesFor(Suite.standard, genoa, false));
        assertEquals(4L << 30, PressureWorkload.regionBytesFor(Suite.thorough, genoa, true));
        assertEquals(64L << 30, PressureWorkload.regionBytesFor(Suite.thorough, genoa, false));
        assertEquals(512L << 20, PressureWorkload.regionBytesFor(Suite.quick, genoa, true));
    }

    @Test
    void streamKernelsCountBytesAsStreamDoes() {
        Map<String, Object> p = Map.of("arrayElements", 1000L);
        assertEquals(16.0 * 1000 / 1e9, byId("memory.bandwidth.copy").scorePerOp(p, 1), 1e-18);
        assertEquals(24.0 * 500 / 1e9, byId("memory.bandwidth.add").scorePerOp(p, 2), 1e-18);
        assertEquals(8.0 * 1000 / 1e9, byId("memory.bandwidth.read").scorePerOp(p, 1), 1e-18);
    }

    @Test
    void triadArraysFollowTheL3sOfTheInvocationsOwnCpusNotTheWholeMachine() {
        // 2 sockets x 96 cores, 24 L3s of 32 MiB: the suite's machine-wide size is 4 x 768 MiB per array
        org.assay.probes.topology.CpuTopology topo = org.assay.workloads.Layouts.epyc2s(1);
        SizingContext sizing = new SizingContext(768L << 20, 1L << 40, 192, topo,
                java.util.stream.IntStream.range(0, 384).boxed().toList());
        Workload triad = Workloads.byId("memory.bandwidth.triad").orElseThrow();
        Map<String, Object> suite = triad.paramSets(Suite.quick, sizing).get(0);
        assertEquals(384L << 20, ((Number) suite.get("arrayElements")).longValue());
        // one worker on CPU 1 reaches one L3: 4 x 32 MiB = 128 MiB per array, 16 Mi doubles
        Map<String, Object> one = triad.sizedForWorkers(suite, List.of(1), sizing);
        assertEquals(16L << 20, ((Number) one.get("arrayElements")).longValue());
        triad.validate(one, 1, sizing); // the machine-wide size is refused for one worker; this is not
        // 16 workers, one per CCD (12 on socket 0, 4 on socket 1): 16 L3s
        List<Integer> spread = java.util.stream.IntStream.range(0, 16).map(i -> i * 8).boxed().toList();
        assertEquals(16L * 4 * (32L << 20) / 8, ((Number) triad.sizedForWorkers(suite, spread, sizing).get("arrayElements")).longValue());
        // without a layout the suite's size stands
        assertEquals(suite, triad.sizedForWorkers(suite, List.of(1), new SizingContext(768L << 20, 1L << 40, 192)));
    }

    @Test
    void chaseDramPointsStartPastFourTimesTheL3ItsCoreSeesNotAllOfThem() {
        SizingContext epyc = new SizingContext(768L << 20, 1L << 40, 192, org.assay.workloads.Layouts.epyc2s(1),
                java.util.stream.IntStream.range(0, 384).boxed().toList());
        assertEquals(128L << 20, ChaseWorkload.largestSet(Suite.quick, epyc), "4 x one 32 MiB L3");
        assertEquals(1L << 30, ChaseWorkload.largestSet(Suite.thorough, epyc), "thorough goes on to 1 GiB");
        // without a layout the machine-wide total stands, capped at the 1 GiB the kernel takes
        assertEquals(1L << 30, ChaseWorkload.largestSet(Suite.quick, new SizingContext(768L << 20, 1L << 40, 192)));
    }

    @Test
    void thoroughChaseStopsWhereTheMachineCanHoldTheWholeSweep() {
        SizingContext small = new SizingContext(8L << 20, 2L << 30, 1);
        long largest = ChaseWorkload.largestSet(Suite.thorough, small);
        assertTrue(largest < 1L << 30 && largest >= 64L << 20, "capped by 2 GiB of memory: " + largest);
        Workload chase = Workloads.byId("memory.latency.chase").orElseThrow();
        for (Map<String, Object> p : chase.paramSets(Suite.thorough, small)) {
            chase.validate(p, 1, small); // refused before: the 1 GiB sweep needed 4 GiB
        }
    }
}
