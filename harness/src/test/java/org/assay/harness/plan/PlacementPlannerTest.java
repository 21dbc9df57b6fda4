package org.assay.harness.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.WorkerPlacement;
import org.junit.jupiter.api.Test;

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
