package org.assay.harness.burnin;

import org.assay.analysis.judging.Verdict;
import org.assay.probes.snapshot.MemoryErrorCounts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trend verdict on synthetic series: flat passes, a 15% drop fails, noise is inconclusive, and so is steal. */
class StabilityJudgeTest {

    private static final Thresholds DEFAULTS = Thresholds.of(null);

    /** 60 intervals around {@code level} with relative noise {@code sd}; from {@code dropAt} on, {@code drop} lower. */
    static double[] series(double sd, int dropAt, double drop, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[60];
        for (int i = 0; i < x.length; i++) {
            double level = i >= dropAt ? 1000 * (1 - drop) : 1000;
            x[i] = level * (1 + sd * (2 * r.nextDouble() - 1) * Math.sqrt(3));   // uniform with that sd
        }
        return x;
    }

    private static BurnInCheck check(List<BurnInCheck> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aFlatSeriesPasses() {
        for (long seed = 1; seed <= 20; seed++) {
            List<BurnInCheck> c = StabilityJudge.trend("p", "cpu", series(0.02, 60, 0, seed), 1, 0.5, DEFAULTS);
            assertEquals(Verdict.PASS, check(c, "cpu.trend").verdict(), check(c, "cpu.trend").message());
            assertEquals(Verdict.PASS, check(c, "cpu.steadiness").verdict());
        }
    }

    @Test
    void aMachineFifteenPercentSlowerAfterAWhileFails() {
        for (long seed = 1; seed <= 20; seed++) {
            List<BurnInCheck> c = StabilityJudge.trend("p", "memory", series(0.02, 30, 0.15, seed), 1, 0.5, DEFAULTS);
            BurnInCheck t = check(c, "memory.trend");
            assertEquals(Verdict.FAIL, t.verdict(), t.message());
            assertEquals(15, t.value(), 1.5, "the drop, in percent");
        }
    }

    @Test
    void aNoisyHostIsInconclusiveNotFail() {
        for (long seed = 1; seed <= 20; seed++) {
            List<BurnInCheck> c = StabilityJudge.trend("p", "cpu", series(0.30, 60, 0, seed), 1, 0.5, DEFAULTS);
            List<Verdict> v = c.stream().map(BurnInCheck::verdict).toList();
            assertTrue(!v.contains(Verdict.FAIL) && v.contains(Verdict.INCONCLUSIVE), c.toString());
        }
    }

    @Test
    void stealAboveTheLimitIsInconclusiveEvenWithADrop() {
        List<BurnInCheck> c = StabilityJudge.trend("p", "cpu", series(0.02, 30, 0.15, 3), 1, 12.0, DEFAULTS);
        BurnInCheck t = check(c, "cpu.trend");
        assertEquals(Verdict.INCONCLUSIVE, t.verdict());
        assertTrue(t.message().contains("steal 12.0%"), t.message());
    }

    @Test
    void tooFewIntervalsAreNotChecked() {
        BurnInCheck t = StabilityJudge.trend("p", "cpu", new double[] {1, 2, 3}, 1, 0, DEFAULTS).get(0);
        assertEquals(Verdict.NOT_CHECKED, t.verdict());
        assertNull(TrendTest.of(new double[] {1, 2, 3}, 1));
    }

    @Test
    void warmUpIsTheFirstTenSecondsOrFifthOfThePhase() {
        assertEquals(1, TrendTest.warmupIntervals(1440, 10), "a 4 h run at 10 s: the first interval");
        assertEquals(2, TrendTest.warmupIntervals(10, 1), "10 s at 1 s: a fifth");
        assertEquals(7, TrendTest.warmupIntervals(32, 0.25), "8 s at 0.25 s: 1.6 s");
        assertEquals(10, TrendTest.warmupIntervals(100, 1), "at most 10 s");
    }

    @Test
    void oneErrorFailsItsComponent() {
        BurnInCheck e = StabilityJudge.component("p", Component.STORAGE, new double[0], 10, 1, "the first", 0, DEFAULTS).get(0);
        assertEquals(Verdict.FAIL, e.verdict());
        assertTrue(e.message().contains("the first"));
    }

    @Test
    void absentHardwareCountersAreSaidNotZero() {
        MemoryErrorCounts none = new MemoryErrorCounts(List.of(), null, null, "no EDAC here", null, "no MCE row");
        List<BurnInCheck> c = StabilityJudge.machine("all", Double.NaN, false, null, "no throttle counters", none, none, DEFAULTS);
        assertTrue(c.stream().allMatch(x -> x.verdict() == Verdict.NOT_CHECKED), c.toString());
        assertTrue(check(c, "memory.edac").message().contains("no EDAC here"));
    }

    @Test
    void newEdacErrorsAndHeatFail() {
        MemoryErrorCounts before = new MemoryErrorCounts(List.of(), 3L, 0L, null, 0L, null);
        MemoryErrorCounts after = new MemoryErrorCounts(List.of(), 5L, 1L, null, 0L, null);
        List<BurnInCheck> c = StabilityJudge.machine("all", 97, true, 0L, null, before, after, DEFAULTS);
        assertEquals(Verdict.FAIL, check(c, "memory.edac.uncorrected").verdict());
        assertEquals(Verdict.FAIL, check(c, "memory.edac.corrected").verdict());
        assertEquals(Verdict.FAIL, check(c, "machine.temperature").verdict());
        assertEquals(Verdict.PASS, check(c, "machine.mce").verdict());
    }
}
