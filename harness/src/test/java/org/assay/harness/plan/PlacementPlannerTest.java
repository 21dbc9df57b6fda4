package org.assay.harness.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.assay.probes.fixtures.ServerTree;
import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.SizingContext;
import org.assay.workloads.WorkerPlacement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

class PlacementPlannerTest {

    private static final List<Integer> ALL8 = List.of(0, 1, 2, 3, 4, 5, 6, 7);

    /** The 2-vCPU EPYC KVM guest: two cores, no SMT, one node. */
    static final CpuTopology KVM_2 = topology(List.of(
            new LogicalCpu(0, 0, 0, 0, List.of(0)),
            new LogicalCpu(1, 0, 1, 0, List.of(1))), Map.of(0, List.of(0, 1)));

    /** 4 cores / 8 threads, Linux numbering: CPU n and n+4 are siblings. */
    static final CpuTopology INTEL_4C8T = intel4c8t();

    /** 2 sockets × 2 cores × 2 threads; socket 0 = 0,1,4,5 (node 0), socket 1 = 2,3,6,7 (node 1). */
    static final CpuTopology TWO_SOCKET = twoSocket();

    @Test
    void oneThreadPerCoreOnTheTwoCpuVm() {
        PlacementPlan p = PlacementPlanner.plan(KVM_2, List.of(0, 1), null, 2, false);
        assertEquals(List.of(0, 1), p.cpuPerWorker());
        assertEquals(List.of(), p.notes());
    }

    @Test
    void singleThreadAvoidsCpu0AndItsSibling() {
        assertEquals(List.of(1), PlacementPlanner.plan(INTEL_4C8T, ALL8, null, 1, false).cpuPerWorker());
        assertEquals(List.of(1), PlacementPlanner.plan(KVM_2, List.of(0, 1), null, 1, false).cpuPerWorker());
        // CPU 0 outside the set, its sibling 4 inside: the core is still CPU 0's
        assertEquals(List.of(5), PlacementPlanner.plan(INTEL_4C8T, ALL8, List.of(4, 5), 1, false).cpuPerWorker());
        // nothing else to run on: CPU 0 it is
        assertEquals(List.of(0), PlacementPlanner.plan(INTEL_4C8T, ALL8, List.of(0, 4), 1, false).cpuPerWorker());
    }

    @Test
    void physicalCoresFirstSkippingSiblingsOfUsedCores() {
        assertEquals(List.of(1, 2, 3), PlacementPlanner.plan(INTEL_4C8T, ALL8, null, 3, false).cpuPerWorker());
        assertEquals(List.of(0, 1, 2, 3), PlacementPlanner.plan(INTEL_4C8T, ALL8, null, 4, false).cpuPerWorker(),
                "all cores: CPU 0's core is one of them");
    }

    @Test
    void siblingsOnlyWithSmtAndOnlyAfterEveryCoreHasOne() {
        PlacementPlan p = PlacementPlanner.plan(INTEL_4C8T, ALL8, null, 6, true);
        // every core first (CPU 0's last), then siblings, CPU 0's sibling 4 not needed
        assertEquals(List.of(1, 2, 3, 0, 5, 6), p.cpuPerWorker());
        assertTrue(p.notes().get(0).startsWith("SMT siblings in use: 2 of 6"), p.notes().toString());
    }

    @Test
    void theAllHardwareThreadsStepUsesSiblingsWithoutSmt() {
        ScalingLadder.Step all = new ScalingLadder.Step(8, List.of(ScalingLadder.Scope.ALL_THREADS), "all hardware threads (8)");
        PlacementPlan p = PlacementPlanner.plan(INTEL_4C8T, ALL8, null, all, WorkerPlacement.COMPACT, false);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), p.cpuPerWorker());
        assertTrue(p.notes().get(0).startsWith("SMT siblings in use: 4 of 8"), p.notes().toString());
        assertThrows(PlacementException.class, () -> PlacementPlanner.plan(INTEL_4C8T, ALL8, null, 8, false),
                "a bare count of 8 still needs --smt");
    }

    @Test
    void requestedSetOfSiblingsCountsAsOneCore() {
        PlacementPlanner.plan(INTEL_4C8T, ALL8, List.of(0, 4), 1, false);
        PlacementException e = assertThrows(PlacementException.class,
                () -> PlacementPlanner.plan(INTEL_4C8T, ALL8, List.of(0, 4), 2, false));
        assertEquals("2 threads requested but only 1 physical cores in 0,4 (pass --smt to use SMT siblings)", e.getMessage());
        assertEquals(List.of(0, 4), PlacementPlanner.plan(INTEL_4C8T, ALL8, List.of(0, 4), 2, true).cpuPerWorker());
    }

    @Test
    void coresOrderedByTheirLowestCpuInTheSet() {
        // 5 is core 1's second thread, 2 is core 2's first: the set's order decides, so --cpus 2,5 gives 2 then 5.
        assertEquals(List.of(2, 5), PlacementPlanner.plan(INTEL_4C8T, ALL8, List.of(2, 5), 2, false).cpuPerWorker());
    }

    @Test
    void siblingOutsideTheRequestedSetIsNoted() {
        PlacementPlan p = PlacementPlanner.plan(INTEL_4C8T, ALL8, List.of(0, 1), 2, false);
        assertEquals(List.of(0, 1), p.cpuPerWorker());
        assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("SMT siblings 4-5 of the workers' cores are outside")),
                p.notes().toString());
    }

    @Test
    void twoSocketsPackCompactWorkersAndNoteTheNumaSpan() {
        PlacementPlan one = PlacementPlanner.plan(TWO_SOCKET, ALL8, null, 1, false);
        assertEquals(List.of(1), one.cpuPerWorker());
        PlacementPlan two = PlacementPlanner.plan(TWO_SOCKET, ALL8, null, 2, false);
        assertEquals(List.of(2, 3), two.cpuPerWorker(), "socket 1 holds both without CPU 0's core");
        assertEquals(List.of(), two.notes(), "both on socket 1");
        PlacementPlan four = PlacementPlanner.plan(TWO_SOCKET, ALL8, null, 4, false);
        assertEquals(List.of(0, 1, 2, 3), four.cpuPerWorker());
        assertTrue(four.notes().stream().anyMatch(n -> n.startsWith("workers span NUMA nodes 0-1")), four.notes().toString());
    }

    @Test
    void refusesCpuOutsideTheAllowedSet() {
        PlacementException e = assertThrows(PlacementException.class,
                () -> PlacementPlanner.plan(KVM_2, List.of(0, 1), List.of(7), 1, false));
        assertEquals("--cpus 7: CPU 7 is not in the allowed set 0-1", e.getMessage());
    }

    @Test
    void refusesMoreThreadsThanCoresAndNamesTheSet() {
        PlacementException e = assertThrows(PlacementException.class,
                () -> PlacementPlanner.plan(KVM_2, List.of(0, 1), null, 4, false));
        assertEquals("4 threads requested but only 2 physical cores in 0-1", e.getMessage(),
                "no --smt hint where there are no siblings to add");
    }

    @Test
    void refusesMoreThreadsThanLogicalCpusEvenWithSmt() {
        PlacementException e = assertThrows(PlacementException.class,
                () -> PlacementPlanner.plan(INTEL_4C8T, ALL8, null, 9, true));
        assertEquals("9 threads requested but only 8 logical CPUs in 0-7", e.getMessage());
    }

    @Test
    void refusesFewerThanOneThread() {
        PlacementException e = assertThrows(PlacementException.class,
                () -> PlacementPlanner.plan(KVM_2, List.of(0, 1), null, 0, false));
        assertEquals("thread count must be at least 1 (got 0)", e.getMessage());
    }

    @Test
    void cpuWithoutTopologyCountsAsItsOwnCoreWithANote() {
        CpuTopology empty = topology(List.of(), Map.of());
        PlacementPlan p = PlacementPlanner.plan(empty, List.of(0, 1, 2), null, 3, false);
        assertEquals(List.of(0, 1, 2), p.cpuPerWorker());
        assertTrue(p.notes().get(0).startsWith("no topology for CPU 0-2"));
    }

    @Test
    void maxThreadsIsPhysicalCoresOrLogicalCpusWithSmt() {
        assertEquals(2, PlacementPlanner.maxThreads(KVM_2, List.of(0, 1), false));
        assertEquals(4, PlacementPlanner.maxThreads(INTEL_4C8T, ALL8, false));
        assertEquals(8, PlacementPlanner.maxThreads(INTEL_4C8T, ALL8, true));
        assertEquals(1, PlacementPlanner.maxThreads(INTEL_4C8T, List.of(1, 5), false));
        assertEquals(2, PlacementPlanner.maxThreads(TWO_SOCKET, List.of(0, 2, 4, 6), false));
    }

    /**
     * Placement on the layouts of real servers, read from generated sysfs trees ({@link ServerTree}):
     * the 2-socket EPYC Genoa (96 cores per socket in 8-core CCDs, CPU n and n + 192 siblings) in
     * NPS1 and NPS4, and the 2-socket Xeon Gold 6248 in a container allowed 0-13,40-53. Each case
     * gives the exact CPU of every worker.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnServerLayouts {

        CpuTopology nps1;
        CpuTopology nps4;
        CpuTopology xeon;

        static final List<Integer> ALL_384 = range(0, 384);
        static final List<Integer> XEON_ALLOWED = CpuList.parse("0-13,40-53");

        @BeforeAll
        void read(@TempDir Path trees) throws IOException {
            nps1 = tree(trees, "nps1", ServerTree.epycGenoa(1));
            nps4 = tree(trees, "nps4", ServerTree.epycGenoa(4));
            xeon = tree(trees, "xeon", ServerTree.xeonGold6248InContainer());
        }

        private CpuTopology tree(Path trees, String name, ServerTree.Shape shape) throws IOException {
            Path root = Files.createDirectory(trees.resolve(name));
            ServerTree.write(root, shape);
            return CpuTopology.read(root);
        }

        private static List<Integer> range(int from, int to) {
            return IntStream.range(from, to).boxed().toList();
        }

        @SafeVarargs
        private static List<Integer> concat(List<Integer>... parts) {
            List<Integer> out = new ArrayList<>();
            for (List<Integer> p : parts) {
                out.addAll(p);
            }
            return out;
        }

        /** The step of {@code workers} in the machine's full ladder, as the planner gets it. */
        private static ScalingLadder.Step step(CpuTopology t, List<Integer> allowed, int workers) {
            int cores = PlacementPlanner.maxThreads(t, allowed, false);
            return ScalingLadder.forCount(workers, new SizingContext(0, 0, cores, t, allowed));
        }

        private static List<Integer> place(CpuTopology t, List<Integer> allowed, int workers, WorkerPlacement how) {
            return PlacementPlanner.plan(t, allowed, null, step(t, allowed, workers), how, false).cpuPerWorker();
        }

        @Test
        void genoaCompactCountsPackIntoOneCcdAwayFromCpu0() {
            assertEquals(List.of(1), place(nps1, ALL_384, 1, WorkerPlacement.COMPACT));
            assertEquals(List.of(1, 2), place(nps1, ALL_384, 2, WorkerPlacement.COMPACT));
            assertEquals(List.of(1, 2, 3, 4), place(nps1, ALL_384, 4, WorkerPlacement.COMPACT));
            // 16: two whole CCDs of node 0, CCD 0 (CPU 0's) left out
            assertEquals(range(8, 24), place(nps1, ALL_384, 16, WorkerPlacement.COMPACT));
            assertEquals(range(8, 40), place(nps4, ALL_384, 32, WorkerPlacement.COMPACT).stream().sorted().toList(),
                    "32 on NPS4: socket 0, four whole CCDs after CCD 0");
        }

        @Test
        void genoaDomainStepsFillTheFirstDomainWithoutCpu0() {
            ScalingLadder.Step l3 = step(nps1, ALL_384, 8);
            assertEquals("one L3 (8)", l3.label());
            assertEquals(range(8, 16), place(nps1, ALL_384, 8, WorkerPlacement.COMPACT));
            assertEquals(range(8, 16), place(nps1, ALL_384, 8, WorkerPlacement.SPREAD), "a domain step confines a spread workload too");
            assertEquals("one node = one socket (96)", step(nps1, ALL_384, 96).label());
            assertEquals(range(96, 192), place(nps1, ALL_384, 96, WorkerPlacement.COMPACT));
            assertEquals("one node (24)", step(nps4, ALL_384, 24).label());
            assertEquals(range(24, 48), place(nps4, ALL_384, 24, WorkerPlacement.SPREAD));
            assertEquals("one socket (96)", step(nps4, ALL_384, 96).label());
            assertEquals(range(96, 192), place(nps4, ALL_384, 96, WorkerPlacement.SPREAD));
        }

        @Test
        void genoaAllCoresAndAllHardwareThreads() {
            assertEquals(range(0, 192), place(nps1, ALL_384, 192, WorkerPlacement.SPREAD));
            ScalingLadder.Step all = ScalingLadder.full(new SizingContext(0, 0, 192, nps1, ALL_384)).get(10);
            assertEquals("all hardware threads (384)", all.label());
            PlacementPlan p = PlacementPlanner.plan(nps1, ALL_384, null, all, WorkerPlacement.COMPACT, false);
            assertEquals(concat(range(0, 192), range(192, 384)), p.cpuPerWorker(), "every core, then every sibling");
            assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("SMT siblings in use: 192 of 384")), p.notes().toString());
        }

        @Test
        void genoaBandwidthWorkersSpreadOverSocketsNodesAndCcds() {
            // socket 0 / socket 1 alternate; inside a socket, CCD after CCD (NPS1: one node each)
            assertEquals(List.of(1, 96), place(nps1, ALL_384, 2, WorkerPlacement.SPREAD));
            assertEquals(List.of(1, 96, 8, 104), place(nps1, ALL_384, 4, WorkerPlacement.SPREAD));
            // NPS4: nodes 0, 4, 1, 5, 2, 6, 3, 7 (sockets alternate, then the nodes of each)
            assertEquals(List.of(1, 96, 24, 120, 48, 144, 72, 168), place(nps4, ALL_384, 16, WorkerPlacement.SPREAD).subList(0, 8));
            // 16 on NPS4: two per node, on different CCDs of it
            assertEquals(List.of(1, 96, 24, 120, 48, 144, 72, 168, 8, 104, 32, 128, 56, 152, 80, 176),
                    place(nps4, ALL_384, 16, WorkerPlacement.SPREAD));
        }

        @Test
        void xeonContainerPacksInItsOneSocketAndSpreadsTheSame() {
            assertEquals(List.of(1), place(xeon, XEON_ALLOWED, 1, WorkerPlacement.COMPACT));
            assertEquals(range(1, 9), place(xeon, XEON_ALLOWED, 8, WorkerPlacement.COMPACT));
            // one socket, one node, one L3: spread has nowhere to spread to
            assertEquals(List.of(1, 2, 3, 4), place(xeon, XEON_ALLOWED, 4, WorkerPlacement.SPREAD));
            assertEquals("all cores (14)", step(xeon, XEON_ALLOWED, 14).label());
            assertEquals(range(0, 14), place(xeon, XEON_ALLOWED, 14, WorkerPlacement.COMPACT));
            ScalingLadder.Step all = ScalingLadder.full(new SizingContext(0, 0, 14, xeon, XEON_ALLOWED)).get(5);
            assertEquals("all hardware threads (28)", all.label());
            assertEquals(concat(range(0, 14), range(40, 54)),
                    PlacementPlanner.plan(xeon, XEON_ALLOWED, null, all, WorkerPlacement.COMPACT, false).cpuPerWorker());
        }

        @Test
        void withSmtADomainStepTakesTheDomainsSiblingsToo() {
            // --smt: the ladder counts logical CPUs; one L3 = 16 CPUs = 8 cores and their siblings
            SizingContext smt = new SizingContext(0, 0, 384, nps1, ALL_384);
            ScalingLadder.Step l3 = ScalingLadder.full(smt).get(4);
            assertEquals("one L3 (16)", l3.label());
            assertEquals(concat(range(8, 16), range(200, 208)),
                    PlacementPlanner.plan(nps1, ALL_384, null, l3, WorkerPlacement.COMPACT, true).cpuPerWorker());
        }
}

    private static CpuTopology topology(List<LogicalCpu> cpus, Map<Integer, List<Integer>> nodes) {
        return new CpuTopology(cpus.stream().map(LogicalCpu::id).toList(), cpus, List.of(), nodes, List.of());
    }

    private static CpuTopology intel4c8t() {
        List<LogicalCpu> cpus = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            cpus.add(new LogicalCpu(c, 0, c % 4, 0, List.of(c % 4, c % 4 + 4)));
        }
        return topology(cpus, Map.of(0, ALL8));
    }

    private static CpuTopology twoSocket() {
        List<LogicalCpu> cpus = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int first = c % 4;
            int socket = first / 2;
            cpus.add(new LogicalCpu(c, socket, first % 2, socket, List.of(first, first + 4)));
        }
        return topology(cpus, Map.of(0, List.of(0, 1, 4, 5), 1, List.of(2, 3, 6, 7)));
    }
}
