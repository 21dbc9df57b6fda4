package org.assay.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkAwareIntervalTest {

    /** Student's t quantile for 1 df is the Cauchy one: tan(pi (p - 1/2)); p = 0.9995 for 99.9%. */
    private static final double T1 = Math.tan(Math.PI * (0.9995 - 0.5));
    /** For 2 df, t = (2p - 1) / sqrt(2 p (1 - p)). */
    private static final double T2 = (2 * 0.9995 - 1) / Math.sqrt(2 * 0.9995 * 0.0005);

    @Test
    void twoForksWithDifferentMeansGiveTheBetweenForkInterval() {
        // fork means 11 and 21: the mean of means is 16, their standard deviation 10 / sqrt(2)
        ForkAwareInterval iv = ForkAwareInterval.of(List.of(List.of(10.0, 11.0, 12.0), List.of(20.0, 21.0, 22.0)));
        assertEquals(ForkAwareInterval.FORK_MEANS, iv.method());
        assertEquals(2, iv.forks());
        assertEquals(1, iv.degreesOfFreedom());
        assertEquals(16.0, iv.mean(), 1e-12);
        double expected = T1 * (10 / Math.sqrt(2)) / Math.sqrt(2);   // = 5 x 636.62 = 3183.1
        assertEquals(expected, iv.halfWidth(), 1e-6);
        assertEquals(3183.1, iv.halfWidth(), 0.1);
        assertEquals(16.0 - expected, iv.low(), 1e-6);
        assertEquals(16.0 + expected, iv.high(), 1e-6);
        assertEquals(List.of(3, 3), iv.iterationsPerFork());
        // pooled as JMH does, the six samples (sd sqrt(154/5)) give t(5) x 5.55 / sqrt(6) = 15.6:
        // two hundred times narrower, although only two JVMs were ever measured
        double pooled = ForkAwareInterval.quantile(0.999, 5) * Math.sqrt(154.0 / 5) / Math.sqrt(6);
        assertEquals(15.56, pooled, 0.01);
        assertEquals(pooled, ForkAwareInterval.pooledHalfWidth(
                List.of(List.of(10.0, 11.0, 12.0), List.of(20.0, 21.0, 22.0))), 1e-9);
        assertTrue(iv.halfWidth() > 100 * pooled);
    }

    @Test
    void threeForksUseTwoDegreesOfFreedomAndWeightForksEqually() {
        // means 10, 12, 14 (the third fork has more iterations and still counts once): sd 2
        ForkAwareInterval iv = ForkAwareInterval.of(List.of(List.of(9.0, 11.0), List.of(12.0, 12.0),
                List.of(13.0, 15.0, 13.0, 15.0)));
        assertEquals(12.0, iv.mean(), 1e-12);
        assertEquals(2, iv.degreesOfFreedom());
        assertEquals(T2 * 2 / Math.sqrt(3), iv.halfWidth(), 1e-9);
        assertEquals(36.49, iv.halfWidth(), 0.01);
        assertEquals(8, iv.iterations());
    }

    @Test
    void oneForkIsWithinForkStudentT() {
        ForkAwareInterval iv = ForkAwareInterval.of(List.of(List.of(10.0, 12.0, 14.0)));
        assertEquals(ForkAwareInterval.WITHIN_FORK, iv.method());
        assertEquals(1, iv.forks());
        assertEquals(2, iv.degreesOfFreedom());
        assertEquals(T2 * 2 / Math.sqrt(3), iv.halfWidth(), 1e-9);
        assertEquals(T2 * 2 / Math.sqrt(3) / 12, iv.relativeHalfWidth(), 1e-12);
        assertEquals("within-fork", iv.toMap().get("method"));
        assertEquals(1, iv.toMap().get("forks"));
    }

    @Test
    void oneSampleHasNoInterval() {
        ForkAwareInterval iv = ForkAwareInterval.of(List.of(List.of(5.0), List.of()));
        assertEquals(5.0, iv.mean());
        assertTrue(Double.isNaN(iv.halfWidth()));
        assertEquals(null, iv.toMap().get("halfWidth"));
        assertThrows(IllegalArgumentException.class, () -> ForkAwareInterval.of(List.of(List.of())));
    }
}
