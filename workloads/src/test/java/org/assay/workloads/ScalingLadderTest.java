package org.assay.workloads;

import org.assay.probes.topology.CacheLevel;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.LogicalCpu;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScalingLadderTest {

    /**
     * 2 sockets x 96 cores x 2 threads in Linux numbering (CPU i and i + 192 are siblings), one L3
     * per 8-core CCD, one NUMA node per socket (NPS1) or four (NPS4).
     */
    private static CpuTopology epyc2s(int nodesPerSocket) {
        List<LogicalCpu> cpus = new ArrayList<>();
        for (int id = 0; id < 384; id++) {
            int core = id % 192;
            int socket = core / 96;
            int node = socket * nodesPerSocket + (core % 96) / (96 / nodesPerSocket);
            cpus.add(new LogicalCpu(id, socket, core % 96, node, List.of(core, core + 192)));
        }
        List<List<Integer>> ccds = new ArrayList<>();
        for (int ccd = 0; ccd < 24; ccd++) {
            List<Integer> set = new ArrayList<>();
            for (int c = ccd * 8; c < ccd * 8 + 8; c++) {
                set.add(c);
            }
            for (int c = ccd * 8; c < ccd * 8 + 8; c++) {
                set.add(c + 192);
            }
            ccds.add(set);
        }
        Map<Integer, List<Integer>> nodes = new LinkedHashMap<>();
        for (LogicalCpu c : cpus) {
            nodes.computeIfAbsent(c.numaNode(), k -> new ArrayList<>()).add(c.id());
        }
        CacheLevel l3 = new CacheLevel(3, "Unified", 32L << 20, 64, 16, 24, ccds);
        return new CpuTopology(IntStream.range(0, 384).boxed().toList(), cpus, List.of(l3), nodes, List.of());
    }

    private static SizingContext sizing(CpuTopology topo, int maxThreads, List<Integer> usable) {
        return new SizingContext(768L << 20, 1L << 40, maxThreads, topo, usable);
    }

    @Test
    void aTwoSocketChipletServerGetsPowersOfTwoAndItsDomainsNotEveryCount() {
        CpuTopology topo = epyc2s(1);
        List<Integer> all = IntStream.range(0, 384).boxed().toList();
        // one CCD = 8 cores, one node = one socket = 96 cores, all = 192 cores
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 96, 128, 192), ScalingLadder.of(sizing(topo, 192, all)));
    }

    @Test
    void nps4AddsTheNodeOf24Cores() {
        CpuTopology topo = epyc2s(4);
        List<Integer> all = IntStream.range(0, 384).boxed().toList();
        assertEquals(List.of(1, 2, 4, 8, 16, 24, 32, 64, 96, 128, 192), ScalingLadder.of(sizing(topo, 192, all)));
    }

    @Test
    void withSmtTheDomainsCountLogicalCpus() {
        CpuTopology topo = epyc2s(1);
        List<Integer> all = IntStream.range(0, 384).boxed().toList();
        // --smt: 384 workers; a CCD holds 16 CPUs, a socket 192
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384), ScalingLadder.of(sizing(topo, 384, all)));
    }

    @Test
    void aCpusSelectionCountsOnlyItsOwnCores() {
        CpuTopology topo = epyc2s(1);
        // --cpus 0-11: one full CCD (0-7) and half of the next; 12 cores, one socket
        List<Integer> usable = IntStream.range(0, 12).boxed().toList();
        assertEquals(List.of(1, 2, 4, 8, 12), ScalingLadder.of(sizing(topo, 12, usable)));
    }

    @Test
    void withoutALayoutTheLadderIsPowersOfTwoAndTheMaximum() {
        assertEquals(List.of(1, 2, 4, 6), ScalingLadder.of(new SizingContext(32L << 20, 16L << 30, 6)));
        assertEquals(List.of(1), ScalingLadder.of(new SizingContext(32L << 20, 16L << 30, 1)));
        assertEquals(List.of(1, 2), ScalingLadder.of(new SizingContext(32L << 20, 16L << 30, 2)));
    }
}
