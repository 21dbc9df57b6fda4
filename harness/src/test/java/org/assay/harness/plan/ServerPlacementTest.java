package org.assay.harness.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.assay.probes.fixtures.ServerTree;
import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTopology;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.SizingContext;
import org.assay.workloads.WorkerPlacement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Placement on the layouts of real servers, read from generated sysfs trees ({@link ServerTree}):
 * the 2-socket EPYC Genoa (96 cores per socket in 8-core CCDs, CPU n and n + 192 siblings) in
 * NPS1 and NPS4, and the 2-socket Xeon Gold 6248 in a container allowed 0-13,40-53. Each case
 * gives the exact CPU of every worker.
 */
class ServerPlacementTest {

    @TempDir
    static Path trees;

    static CpuTopology nps1;
    static CpuTopology nps4;
    static CpuTopology xeon;

    static final List<Integer> ALL_384 = range(0, 384);
    static final List<Integer> XEON_ALLOWED = CpuList.parse("0-13,40-53");

    @BeforeAll
    static void read() throws IOException {
        nps1 = tree("nps1", ServerTree.epycGenoa(1));
        nps4 = tree("nps4", ServerTree.epycGenoa(4));
        xeon = tree("xeon", ServerTree.xeonGold6248InContainer());
    }

    private static CpuTopology tree(String name, ServerTree.Shape shape) throws IOException {
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
