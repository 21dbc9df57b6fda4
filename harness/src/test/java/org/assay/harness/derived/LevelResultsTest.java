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
        List<InvocationResult> rs = new ArrayList<>();
        for (int i = 0; i < NS.length; i++) {
            long bytes = 4096L << i;
            rs.add(InvocationResult.builder().invocationId("memory.latency.chase[workingSetBytes=" + bytes + ",threads=1]")
                    .workload("memory.latency.chase").definitionVersion(1).metric("memory.latency.chase")
                    .params(Map.of("workingSetBytes", bytes)).threads(1).requestedCpus(List.of(0)).cpus(List.of(0))
                    .unit("ns").higherIsBetter(false).score(NS[i]).scoreError(0.01).ci(List.of(NS[i], NS[i]))
                    .samples(List.of(NS[i])).status(Status.ok).start("2026-11-23T18:15:00Z")
                    .end("2026-11-23T18:15:01Z").build());
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
}
