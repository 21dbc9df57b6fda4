package org.assay.workloads;

import org.assay.probes.topology.CpuTopology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScalingLadderTest {

    private static SizingContext sizing(CpuTopology topo, int maxThreads, List<Integer> usable) {
        return new SizingContext(768L << 20, 1L << 40, maxThreads, topo, usable);
    }

    @Test
    void aTwoSocketChipletServerGetsPowersOfTwoAndItsDomainsNotEveryCount() {
        CpuTopology topo = Layouts.epyc2s(1);
        List<Integer> all = IntStream.range(0, 384).boxed().toList();
        // one CCD = 8 cores, one node = one socket = 96 cores, all = 192 cores
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 96, 128, 192), ScalingLadder.of(sizing(topo, 192, all)));
    }

    @Test
    void nps4AddsTheNodeOf24Cores() {
        CpuTopology topo = Layouts.epyc2s(4);
        List<Integer> all = IntStream.range(0, 384).boxed().toList();
        assertEquals(List.of(1, 2, 4, 8, 16, 24, 32, 64, 96, 128, 192), ScalingLadder.of(sizing(topo, 192, all)));
    }

    @Test
    void withSmtTheDomainsCountLogicalCpus() {
        CpuTopology topo = Layouts.epyc2s(1);
        List<Integer> all = IntStream.range(0, 384).boxed().toList();
        // --smt: 384 workers; a CCD holds 16 CPUs, a socket 192
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384), ScalingLadder.of(sizing(topo, 384, all)));
    }

    @Test
    void aCpusSelectionCountsOnlyItsOwnCores() {
        CpuTopology topo = Layouts.epyc2s(1);
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
