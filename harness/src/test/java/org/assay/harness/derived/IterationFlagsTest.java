package org.assay.harness.derived;

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

    @Test
    void anEstimatedClockMustDipFurtherBeforeAnIterationIsFlagged() {
        List<double[]> rows = List.of(new double[] {0, 0, 3600, Double.NaN}, new double[] {0, 1, 3574, Double.NaN},
                new double[] {0, 2, 3203, Double.NaN});
        assertEquals(1, IterationFlags.flag(rows, IterationFlags.SLOW_FRACTION).size());
        assertEquals(0, IterationFlags.flag(rows, IterationFlags.SLOW_FRACTION_ESTIMATED).size());
    }

    @Test
    void eachSweepPointKeepsOnlyItsOwnFlaggedIterations() {
        java.util.Map<String, Object> flag = new java.util.LinkedHashMap<>();
        flag.put("fork", 0);
        flag.put("iteration", 5);          // 5 mod 2 = point 1
        flag.put("reason", "2 throttle event(s)");
        List<org.assay.results.InvocationResult> points = new java.util.ArrayList<>();
        for (int j = 0; j < 2; j++) {
            java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
            settings.put("sweepPoint", j);
            settings.put("probeAffectedIterations", List.of(flag));
            points.add(org.assay.results.InvocationResult.builder().invocationId("id" + j).workload("w")
                    .definitionVersion(1).metric("m").threads(1).requestedCpus(List.of(0)).cpus(List.of(0))
                    .unit("ns").higherIsBetter(false).score(1.0).scoreError(0.1).samples(List.of(1.0, 1.0, 1.0))
                    .status(org.assay.results.Status.ok)
                    .secondary(java.util.Map.of(IterationFlags.AFFECTED,
                            new org.assay.results.SecondaryMetric(1.0, "iterations")))
                    .start("s").end("e").settings(settings).build());
        }
        List<org.assay.results.InvocationResult> out = IterationFlags.perPoint(points, 2);
        assertEquals(0.0, out.get(0).secondary().get(IterationFlags.AFFECTED).score());
        assertTrue(!out.get(0).settings().containsKey("probeAffectedIterations"));
        assertEquals(1.0, out.get(1).secondary().get(IterationFlags.AFFECTED).score());
    }
}
