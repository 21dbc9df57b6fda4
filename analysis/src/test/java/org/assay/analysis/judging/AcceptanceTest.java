package org.assay.analysis.judging;

import org.assay.profiles.Profile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verdicts worked out by hand from {@link Fixtures}. */
class AcceptanceTest {

    private final Profile box = Fixtures.profile("lab-box", Fixtures.BASE, Fixtures.BOX);

    private AcceptanceReport judge(List<org.assay.results.InvocationResult> results) {
        return Acceptance.judge("run", RunMeasurements.of(results), Fixtures.inventory(), box);
    }

    private static RuleVerdict rule(AcceptanceReport r, String key) {
        return r.rules().stream().filter(v -> v.key().toString().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict for " + key + " in " + r.rules()));
    }

    @Test
    void eachRuleGetsItsVerdict() {
        AcceptanceReport r = judge(Fixtures.run());
        // 44 +- 1 against min 0.9 x 40 = 36: the whole interval is above.
        RuleVerdict one = rule(r, "cpu.dgemm{n=512,threads=1}");
        assertEquals(Verdict.PASS, one.verdict());
        assertEquals(36.0, one.threshold(), 1e-9);
        assertEquals((44 - 36) / 36.0, one.margin(), 1e-9);
        // 2.5 +- 0.1 ns against max 1.1 x 2.0 = 2.2 ns: the whole interval is above the maximum.
        RuleVerdict chase = rule(r, "memory.latency.chase{threads=1,workingSetBytes=1024}");
        assertEquals(Verdict.FAIL, chase.verdict());
        assertEquals("max", chase.bound());
        assertEquals(2.2, chase.threshold(), 1e-9);
        assertEquals((2.2 - 2.5) / 2.2, chase.margin(), 1e-9);
        // 40 +- 1 GB/s against min 0.5 x dram-bandwidth 76.8 (inherited from base-cpu's spec) = 38.4.
        RuleVerdict triad = rule(r, "memory.bandwidth.triad{threads=4}");
        assertEquals(Verdict.PASS, triad.verdict());
        assertEquals(38.4, triad.threshold(), 1e-9);
        assertEquals(AcceptanceReport.EXIT_FAIL, r.exitCode());
    }

    @Test
    void aThresholdInsideTheIntervalIsInconclusiveWithTheIterationsThatWouldDecideIt() {
        RuleVerdict four = rule(judge(Fixtures.run()), "cpu.dgemm{n=512,threads=4}");
        // 92 +- 3 against min 0.9 x 100 = 90: [89, 95] holds 90.
        assertEquals(Verdict.INCONCLUSIVE, four.verdict());
        assertEquals(90.0, four.threshold(), 1e-9);
        // half-width 3 must shrink below the distance 2: 5 x (3/2)^2 = 11.25, so 12 iterations, 7 more.
        assertEquals(7, four.more());
        assertEquals("iterations", four.moreUnit());
        assertTrue(four.message().contains("about 7 more iterations"), four.message());
    }

    @Test
    void aRuleWhoseMetricWasNotMeasuredIsInconclusiveAndSaysWhy() {
        RuleVerdict fft = rule(judge(Fixtures.run()), "cpu.fft{n=1024,threads=1}");
        assertEquals(Verdict.INCONCLUSIVE, fft.verdict());
        assertNull(fft.measured());
        assertTrue(fft.message().contains("failed: fork exited with status 137"), fft.message());
    }

    @Test
    void nothingFailingButSomethingUndecidedExitsThree() {
        List<org.assay.results.InvocationResult> good = new ArrayList<>(Fixtures.run());
        good.set(2, Fixtures.ok("memory.latency.chase", Map.of("workingSetBytes", 1024), 1, "ns", false, 2.0, 0.05));
        AcceptanceReport r = judge(good);
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertEquals(AcceptanceReport.EXIT_INCONCLUSIVE, r.exitCode());
    }

    @Test
    void theInventoryMatchingTheSpecPassesAndAMismatchFailsByName() {
        AcceptanceReport r = judge(Fixtures.run());
        Map<String, Verdict> checks = new java.util.LinkedHashMap<>();
        r.inventory().forEach(c -> checks.put(c.name(), c.verdict()));
        for (String name : List.of("cpu model", "sockets", "physical cores", "logical CPUs", "SMT", "L1d per core",
                "L2 per core", "L3 per socket", "max clock", "NUMA nodes", "memory size")) {
            assertEquals(Verdict.PASS, checks.get(name), name + " in " + r.inventory());
        }
        assertEquals(Verdict.NOT_CHECKED, checks.get("base clock"));
        assertEquals(Verdict.NOT_CHECKED, checks.get("memory channels"));

        var inv = (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.inventory();
        ((com.fasterxml.jackson.databind.node.ObjectNode) inv.get("cpu")).put("physicalCores", 2).put("logicalCpus", 4);
        List<InventoryCheck> bad = InventoryChecks.check(inv, box.spec());
        List<String> failed = bad.stream().filter(c -> c.verdict() == Verdict.FAIL).map(InventoryCheck::name).toList();
        assertEquals(List.of("physical cores", "logical CPUs"), failed);
        assertTrue(bad.stream().anyMatch(c -> c.message().equals("physical cores is 2, the spec says 4")), bad.toString());
    }

    @Test
    void cpuModelNamesMatchWordByWord() {
        assertTrue(InventoryChecks.sameModel("Intel Xeon Platinum 8488C", "Intel(R) Xeon(R) Platinum 8488C"));
        assertTrue(InventoryChecks.sameModel("AMD EPYC 9654", "AMD EPYC 9654 96-Core Processor"));
        assertTrue(!InventoryChecks.sameModel("AMD EPYC 9654", "AMD EPYC 7R13 Processor"));
    }
}
