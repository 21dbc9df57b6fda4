package org.assay.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrecisionTargetTest {

    private static final double T2 = (2 * 0.9995 - 1) / Math.sqrt(2 * 0.9995 * 0.0005);

    @Test
    void aTargetReachedWithThreeForks() {
        // fork means 100, 100.01, 99.99: sd 0.01, half-width 31.6 x 0.01 / sqrt(3) = 0.182 = 0.18% of 100
        PrecisionTarget t = new PrecisionTarget(0.01, 20);
        List<List<Double>> forks = List.of(List.of(100.0, 100.0), List.of(100.01, 100.01), List.of(99.99, 99.99));
        assertEquals(T2 * 0.01 / Math.sqrt(3), ForkAwareInterval.of(forks).halfWidth(), 1e-9);
        PrecisionTarget.Decision d = t.decide(forks, 12, 3, 0.5, 2);
        assertEquals(PrecisionTarget.Verdict.REACHED, d.verdict());
        assertEquals("reached: half-width 0.18% <= 1.0% after 2 iterations x 3 forks", d.outcome());
    }

    @Test
    void aTargetNotReachedWhenTheBudgetIsSpent() {
        // means 90 and 110: half-width 636.6 x 14.14 / 1.414 = 6366, i.e. 6366% of 100
        PrecisionTarget t = new PrecisionTarget(0.01, 20);
        List<List<Double>> forks = List.of(List.of(89.0, 91.0), List.of(109.0, 111.0));
        PrecisionTarget.Decision d = t.decide(forks, 18, 3, 0.5, 5);
        // between-fork variance 200 - 2/2 = 199 dominates: the next fork would get the planned 5
        // iterations, 3 + 5 x 0.5 = 5.5 s, and 18 + 5.5 > 20
        assertEquals(PrecisionTarget.Verdict.NOT_REACHED, d.verdict());
        assertTrue(d.outcome().startsWith("not reached: budget spent (18 s of 20 s, another fork needs ~6 s), "
                + "half-width 6366% after 2 iterations x 2 forks"), d.outcome());
        PrecisionTarget.Decision go = t.decide(forks, 10, 3, 0.5, 5);
        assertEquals(PrecisionTarget.Verdict.CONTINUE, go.verdict());
        assertEquals(5, go.nextIterations());
    }

    @Test
    void oneForkNeverReachesATargetAndLongerForksComeWhileWithinForkNoiseDominates() {
        PrecisionTarget t = new PrecisionTarget(0.5, 100);
        // within one fork the half-width is small, but one JVM cannot speak for the next
        PrecisionTarget.Decision d = t.decide(List.of(List.of(100.0, 100.1, 99.9)), 5, 3, 0.5, 3);
        assertEquals(PrecisionTarget.Verdict.CONTINUE, d.verdict());
        assertEquals(3, d.nextIterations());
        // fork variances 200/3 and 2/3 (mean 33.7) over 4 iterations = 8.4 > between 0: double, 8
        assertEquals(8, PrecisionTarget.nextIterations(
                List.of(List.of(90.0, 110.0, 100.0, 100.0), List.of(101.0, 99.0, 100.0, 100.0)), 5));
        // capped at four times the plan
        assertEquals(8, PrecisionTarget.nextIterations(
                List.of(List.of(90.0, 110.0, 100.0, 100.0, 100.0, 100.0), List.of(101.0, 99.0, 100.0, 100.0, 100.0, 100.0)), 2));
    }

    @Test
    void badTargetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PrecisionTarget(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new PrecisionTarget(1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new PrecisionTarget(0.01, -3));
    }
}
