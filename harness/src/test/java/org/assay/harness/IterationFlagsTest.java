package org.assay.harness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IterationFlagsTest {

    @Test
    void flagsThrottledIterationsAndThoseWellBelowTheMedianClockOnly() {
        List<IterationFlags.Flag> flags = IterationFlags.flag(List.of(
                new double[] {0, 0, 3600, 0},
                new double[] {0, 1, 3550, 0},
                new double[] {0, 2, 3000, 0},          // 3000 < 0.9 x 3575
                new double[] {1, 0, 3600, 2},          // throttled at full clock
                new double[] {1, 1, 3590, Double.NaN}));
        assertEquals(2, flags.size(), flags.toString());
        assertEquals(2, flags.get(0).iteration());
        assertTrue(flags.get(0).reason().startsWith("clock 3000 MHz"), flags.get(0).reason());
        assertEquals(1, flags.get(1).fork());
        assertEquals("2 throttle event(s)", flags.get(1).reason());
    }

    @Test
    void unknownClocksAndThrottlingFlagNothing() {
        assertEquals(0, IterationFlags.flag(List.of(new double[] {0, 0, Double.NaN, Double.NaN},
                new double[] {0, 1, Double.NaN, Double.NaN})).size());
    }
}
