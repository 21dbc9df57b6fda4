package org.assay.harness.derived;

import org.assay.harness.command.SummaryPrinter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.assay.probes.topology.CacheLevel;
import org.assay.results.InvocationResult;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Detected levels beside the OS's cache sizes, and a mismatch told to the user as a finding. */
class LevelResultsTest {

    /** The quick curve of a full quick run on the 2-vCPU EPYC guest, 2026-11-23 18:15 UTC. */
    private static final double[] NS = {1.110, 1.110, 1.116, 1.766, 3.890, 3.911, 4.025, 5.745, 9.734, 16.44, 86.50,
        123.9, 150.9, 178.7, 200.5, 191.7};

    private static final List<CacheLevel> OS = List.of(
            new CacheLevel(1, "Data", 32 << 10, 64, 8, 2, List.of(List.of(0), List.of(1))),
            new CacheLevel(1, "Instruction", 32 << 10, 64, 8, 2, List.of(List.of(0), List.of(1))),
            new CacheLevel(2, "Unified", 1 << 20, 64, 8, 2, List.of(List.of(0), List.of(1))),
            new CacheLevel(3, "Unified", 32 << 20, 64, 16, 1, List.of(List.of(0, 1))));

    private static List<InvocationResult> chase() {
        return chase(NS, 4096L, 2);
    }

    /** Chase results on sets {@code first}, {@code first * factor}, ...; one round per set. */
    private static List<InvocationResult> chase(double[] ns, long first, int factor) {
        List<InvocationResult> rs = new ArrayList<>();
        long bytes = first;
        for (double v : ns) {
            rs.add(InvocationResult.builder().invocationId("memory.latency.chase[workingSetBytes=" + bytes + ",threads=1]")
                    .workload("memory.latency.chase").definitionVersion(1).metric("memory.latency.chase")
                    .params(Map.of("workingSetBytes", bytes)).threads(1).requestedCpus(List.of(0)).cpus(List.of(0))
                    .unit("ns").higherIsBetter(false).score(v).scoreError(0.01).ci(List.of(v, v))
                    .samples(List.of(v)).status(Status.ok).start("2026-11-23T18:15:00Z")
                    .end("2026-11-23T18:15:01Z").build());
            bytes *= factor;
        }
        return rs;
    }

    @Test
    void theL3SliceOfThisGuestIsAFindingWhileL1AndL2MatchTheOs() {
        List<InvocationResult> levels = LevelResults.derive(chase(), OS);
        assertEquals(List.of("L1", "L2", "L3", "DRAM"), levels.stream().map(r -> r.params().get("level")).toList());
        for (InvocationResult r : levels) {
            assertEquals(LevelResults.DEFINITION_VERSION, r.definitionVersion());
        }
        assertEquals(true, levels.get(0).settings().get("matchesReported"));
        assertEquals(32768L, levels.get(0).settings().get("reportedBytes"));
        assertEquals(true, levels.get(1).settings().get("matchesReported"));
        InvocationResult l3 = levels.get(2);
        assertEquals(false, l3.settings().get("matchesReported"));
        assertTrue(String.valueOf(l3.settings().get("finding")).contains("although the OS reports 32 MiB"),
                String.valueOf(l3.settings().get("finding")));
        assertFalse(levels.get(1).settings().containsKey("finding"));
    }

    @Test
    void aHugePageCurveInTheSameRunIsNotMixedIntoTheLevels() {
        List<InvocationResult> all = new ArrayList<>(chase());
        for (InvocationResult r : chase()) {
            Map<String, Object> p = new java.util.LinkedHashMap<>(r.params());
            p.put("thp", "huge");
            all.add(r.toBuilder().invocationId(r.invocationId() + "huge").params(p).score(r.score() / 2)
                    .samples(List.of(r.score() / 2)).build());
        }
        List<InvocationResult> levels = LevelResults.derive(all, OS);
        assertEquals(List.of("L1", "L2", "L3", "DRAM"), levels.stream().map(r -> r.params().get("level")).toList());
        assertEquals(3.868, levels.get(1).score(), 0.2, "the default curve's L2, not halved");
    }

    @Test
    void theSummaryTellsTheFindingOnItsOwnLine() {
        List<InvocationResult> all = new ArrayList<>(chase());
        all.addAll(LevelResults.derive(all, OS));
        StringWriter text = new StringWriter();
        SummaryPrinter.print(new PrintWriter(text), all);
        String out = text.toString();
        assertTrue(out.contains("finding: memory.latency.level L3: L3 behaves like 3.1 MiB although the OS reports 32 MiB"),
                out);
        assertFalse(out.contains("finding: memory.latency.level L2"), out);
    }

    /**
     * Kaby Lake laptop, list walk with one line per 4 KiB page (github.com/berestovskyy/applied-benchmarks,
     * memory-latency/README.md; the same curve is analysis's intel-kaby-lake-laptop.csv), 1 KiB to 16 MiB.
     */
    private static final double[] KABY_LAKE = {1.01, 1.02, 1.10, 3.32, 3.32, 3.33, 5.33, 8.58, 13.9, 14.2, 14.2, 17.3,
        63.1, 96.4, 104};

    private static final List<CacheLevel> KABY_LAKE_OS = List.of(
            new CacheLevel(1, "Data", 32 << 10, 64, 8, 2, List.of(List.of(0), List.of(1))),
            new CacheLevel(1, "Instruction", 32 << 10, 64, 8, 2, List.of(List.of(0), List.of(1))),
            new CacheLevel(2, "Unified", 256 << 10, 64, 4, 2, List.of(List.of(0), List.of(1))),
            new CacheLevel(3, "Unified", 4 << 20, 64, 16, 1, List.of(List.of(0, 1))));

    @Test
    void aTlbStepIsLabelledUnmatchedAndTheLevelsAboveKeepTheirNames() {
        List<InvocationResult> levels = LevelResults.derive(chase(KABY_LAKE, 1024L, 2), KABY_LAKE_OS);
        assertEquals(List.of("unmatched", "L1", "L3", "DRAM"), levels.stream().map(r -> r.params().get("level")).toList());
        InvocationResult tlb = levels.get(0);
        assertEquals("unmatched step at 5.5 KiB", tlb.settings().get("label"));
        assertFalse(tlb.settings().containsKey("finding"));
        assertTrue(String.valueOf(tlb.settings().get("evidence")).contains("TLB"), String.valueOf(tlb.settings()));
        assertEquals(32768L, levels.get(1).settings().get("reportedBytes"));
        assertEquals(true, levels.get(1).settings().get("matchesReported"));
        assertEquals(4194304L, levels.get(2).settings().get("reportedBytes"));
        assertEquals(List.of("L2 256 KiB"), levels.get(3).settings().get("reportedWithoutLevel"));
        for (InvocationResult r : levels) {
            assertEquals(3, r.definitionVersion());
            assertFalse(r.settings().containsKey("finding"), r.params() + " " + r.settings());
        }
    }

    @Test
    void theSummaryPrintsNoFindingWhenNoLevelDiffersClearly() {
        List<InvocationResult> all = new ArrayList<>(chase(KABY_LAKE, 1024L, 2));
        all.addAll(LevelResults.derive(all, KABY_LAKE_OS));
        StringWriter text = new StringWriter();
        SummaryPrinter.print(new PrintWriter(text), all);
        assertFalse(text.toString().contains("finding:"), text.toString());
    }

    @Test
    void oneRoundAtTheReportedSizeThatReadsLikeTheL3MeansNoFinding() {
        // this guest's curve again, but one of the rounds at 32 MiB (the reported L3) read 30 ns,
        // under the 48 ns halfway between the L3 slice and DRAM
        List<InvocationResult> rs = new ArrayList<>(chase());
        long l3 = 32L << 20;
        rs.replaceAll(r -> Long.valueOf(l3).equals(r.params().get("workingSetBytes"))
                ? r.toBuilder().samples(List.of(176.0, 30.0, 181.2)).build() : r);
        List<InvocationResult> levels = LevelResults.derive(rs, OS);
        assertEquals(List.of("L1", "L2", "unmatched", "DRAM"), levels.stream().map(r -> r.params().get("level")).toList());
        InvocationResult slice = levels.get(2);
        assertFalse(slice.settings().containsKey("finding"));
        assertEquals(false, slice.settings().get("matchesReported"));
        assertEquals("a round at the set nearest the reported L3 32 MiB reads on this level's side of halfway",
                slice.settings().get("evidence"));
        assertEquals(List.of("L3 32 MiB"), levels.get(3).settings().get("reportedWithoutLevel"));
    }

    @Test
    void dramOnsetPastTwiceTheLastLevelCacheIsNoLongerAFinding() {
        // DRAM from 8 MiB against a reported 2 MiB L3: where the chase reaches DRAM latency depends on
        // page walks and victim caches, not on a capacity
        List<CacheLevel> small = List.of(OS.get(0), OS.get(1), OS.get(2),
                new CacheLevel(3, "Unified", 2 << 20, 64, 16, 1, List.of(List.of(0, 1))));
        List<InvocationResult> levels = LevelResults.derive(chase(), small);
        InvocationResult dram = levels.get(levels.size() - 1);
        assertEquals("DRAM", dram.params().get("level"));
        assertEquals(2097152L, dram.settings().get("reportedLastLevelCacheBytes"));
        assertFalse(dram.settings().containsKey("finding"));
    }

    @Test
    void withoutCacheSizesFromTheOsTheLevelsKeepTheirPlateauOrder() {
        List<InvocationResult> levels = LevelResults.derive(chase(), List.of());
        assertEquals(List.of("L1", "L2", "L3", "DRAM"), levels.stream().map(r -> r.params().get("level")).toList());
        assertEquals("L1 by plateau order", levels.get(0).settings().get("label"));
        assertEquals("the OS reports no cache sizes: nothing to match", levels.get(0).settings().get("evidence"));
        assertFalse(levels.get(2).settings().containsKey("finding"));
    }
}
