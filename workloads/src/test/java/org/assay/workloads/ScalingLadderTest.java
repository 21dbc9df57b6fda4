package org.assay.workloads;

import org.assay.probes.topology.CpuTopology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScalingLadderTest {

    private static final List<Integer> ALL = IntStream.range(0, 384).boxed().toList();

    private static SizingContext sizing(CpuTopology topo, int maxThreads, List<Integer> usable) {
        return new SizingContext(768L << 20, 1L << 40, maxThreads, topo, usable);
    }

    private static List<String> labels(List<ScalingLadder.Step> steps) {
        return steps.stream().map(ScalingLadder.Step::label).toList();
    }

    @Test
    void aTwoSocketChipletServerGetsPowersOfTwoAndItsDomainsNotEveryCount() {
        SizingContext nps1 = sizing(Layouts.epyc2s(1), 192, ALL);
        // one CCD = 8 cores, one node = one socket = 96 cores, all = 192 cores, 384 hardware threads
        assertEquals(List.of("1", "2", "4", "one L3 (8)", "16", "32", "64", "one node = one socket (96)", "128",
                "all cores (192)", "all hardware threads (384)"), labels(ScalingLadder.full(nps1)));
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 96, 128, 192, 384), ScalingLadder.counts(ScalingLadder.full(nps1)));
    }

    @Test
    void theStandardLadderIsOneAndTwoThenTheDomains() {
        assertEquals(List.of("1", "2", "one L3 (8)", "one node = one socket (96)", "all cores (192)",
                "all hardware threads (384)"), labels(ScalingLadder.standard(sizing(Layouts.epyc2s(1), 192, ALL))));
        assertEquals(List.of("1", "2", "one L3 (8)", "one node (24)", "one socket (96)", "all cores (192)",
                "all hardware threads (384)"), labels(ScalingLadder.standard(sizing(Layouts.epyc2s(4), 192, ALL))));
    }

    @Test
    void eachStepKnowsItsScope() {
        List<ScalingLadder.Step> steps = ScalingLadder.standard(sizing(Layouts.epyc2s(4), 192, ALL));
        assertEquals(List.of(ScalingLadder.Scope.COUNT), steps.get(1).scopes());
        assertEquals(java.util.Optional.of(CpuDomains.Kind.LLC), steps.get(2).domain());
        assertEquals(java.util.Optional.of(CpuDomains.Kind.NODE), steps.get(3).domain());
        assertEquals(java.util.Optional.of(CpuDomains.Kind.SOCKET), steps.get(4).domain());
        assertEquals(List.of(ScalingLadder.Scope.ALL_CORES), steps.get(5).scopes());
        assertEquals(true, steps.get(6).allHardwareThreads());
        assertEquals(false, steps.get(5).allHardwareThreads());
    }

    @Test
    void nps4AddsTheNodeOf24Cores() {
        assertEquals(List.of(1, 2, 4, 8, 16, 24, 32, 64, 96, 128, 192, 384),
                ScalingLadder.counts(ScalingLadder.full(sizing(Layouts.epyc2s(4), 192, ALL))));
    }

    @Test
    void withSmtTheDomainsCountLogicalCpus() {
        // --smt: 384 workers; a CCD holds 16 CPUs, a node and a socket 192 (which keep the count
        // rather than "all cores": with siblings they are another placement)
        List<ScalingLadder.Step> steps = ScalingLadder.full(sizing(Layouts.epyc2s(1), 384, ALL));
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384), ScalingLadder.counts(steps));
        assertEquals("one L3 (16)", steps.get(4).label());
        assertEquals("one node = one socket (192)", steps.get(8).label());
        assertEquals("all hardware threads (384)", steps.get(10).label());
    }

    @Test
    void aCpusSelectionCountsOnlyItsOwnCores() {
        // --cpus 0-11: one full CCD (0-7) and half of the next; 12 cores, one socket, no siblings
        List<Integer> usable = IntStream.range(0, 12).boxed().toList();
        assertEquals(List.of("1", "2", "4", "one L3 (8)", "all cores (12)"),
                labels(ScalingLadder.full(sizing(Layouts.epyc2s(1), 12, usable))));
    }

    @Test
    void quickAndTheOtherSizesGetOneAndAllCores() {
        assertEquals(List.of("1", "all cores (192)"), labels(ScalingLadder.ends(sizing(Layouts.epyc2s(1), 192, ALL))));
        assertEquals(List.of("1", "all cores (192)"), labels(ScalingLadder.forSuite(Suite.quick,
                sizing(Layouts.epyc2s(4), 192, ALL))));
    }

    @Test
    void aCountGivenWithThreadsIsTheLaddersStepOfThatCount() {
        SizingContext nps4 = sizing(Layouts.epyc2s(4), 192, ALL);
        assertEquals("one node (24)", ScalingLadder.forCount(24, nps4).label());
        assertEquals("12", ScalingLadder.forCount(12, nps4).label());
        // without --smt, 384 stays a bare count, which the placement refuses as before
        assertEquals(List.of(ScalingLadder.Scope.COUNT), ScalingLadder.forCount(384, nps4).scopes());
    }

    @Test
    void withoutALayoutTheLadderIsPowersOfTwoAndTheMaximum() {
        assertEquals(List.of(1, 2, 4, 6), ScalingLadder.counts(ScalingLadder.full(new SizingContext(32L << 20, 16L << 30, 6))));
        assertEquals(List.of(1, 2, 4, 6), ScalingLadder.counts(ScalingLadder.standard(new SizingContext(32L << 20, 16L << 30, 6))));
        assertEquals(List.of("all cores (1)"), labels(ScalingLadder.full(new SizingContext(32L << 20, 16L << 30, 1))));
        assertEquals(List.of("1", "all cores (2)"), labels(ScalingLadder.full(new SizingContext(32L << 20, 16L << 30, 2))));
    }
}
