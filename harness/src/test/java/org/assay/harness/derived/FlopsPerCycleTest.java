package org.assay.harness.derived;

import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class FlopsPerCycleTest {

    private static InvocationResult result(String unit, Double score, int threads, Map<String, SecondaryMetric> secondary) {
        List<Integer> cpus = java.util.stream.IntStream.range(0, threads).boxed().toList();
        return InvocationResult.builder().invocationId("cpu.peak[width=512,threads=" + threads + "]").workload("cpu.peak")
                .definitionVersion(1).metric("cpu.peak").params(Map.of("width", "512"))
                .threads(threads).requestedCpus(cpus).cpus(cpus).unit(unit).higherIsBetter(true)
                .score(score).scoreError(0.1).samples(score == null ? List.of() : List.of(score))
                .status(Status.ok).secondary(secondary).start("2026-11-23T00:00:00Z").end("2026-11-23T00:00:01Z")
                .build();
    }

    @Test
    void perWorkerFlopPerCycleFromTheMeasuredClock() {
        // two Zen 4 cores at 3.6 GHz, 16 FLOP/cycle each: 115.2 GFLOP/s
        InvocationResult r = FlopsPerCycle.derive(result("GFLOP/s", 115.2, 2, Map.of(
                "probe.clock", new SecondaryMetric(3600.0, "MHz"),
                "probe.clock.estimated", new SecondaryMetric(3000.0, "MHz"))));
        assertEquals(16.0, r.secondary().get("flopPerCycle").score(), 1e-9);
        assertEquals("FLOP/cycle", r.secondary().get("flopPerCycle").unit());
        assertFalse(r.secondary().containsKey("flopPerCycle.estimated"), "the measured clock wins");
        assertEquals(3600.0, r.secondary().get("probe.clock").score(), "the other secondaries stay");
    }

    @Test
    void anEstimatedClockGivesAnEstimatedFigure() {
        InvocationResult r = FlopsPerCycle.derive(result("GFLOP/s", 96.0, 1,
                Map.of("probe.clock.estimated", new SecondaryMetric(3000.0, "MHz"))));
        assertEquals(32.0, r.secondary().get("flopPerCycle.estimated").score(), 1e-9);
        assertFalse(r.secondary().containsKey("flopPerCycle"));
    }

    @Test
    void noFigureWithoutTheWorkersClockOrForOtherUnits() {
        InvocationResult allCpus = result("GFLOP/s", 96.0, 1, Map.of("probe.clock.allCpus", new SecondaryMetric(3000.0, "MHz")));
        assertSame(allCpus, FlopsPerCycle.derive(allCpus), "a clock averaged over idle CPUs is not the workers'");
        InvocationResult nan = result("GFLOP/s", 96.0, 1, Map.of("probe.clock", new SecondaryMetric(Double.NaN, "MHz")));
        assertSame(nan, FlopsPerCycle.derive(nan), "a clock that failed gives no figure, not infinity");
        InvocationResult bandwidth = result("GB/s", 20.0, 1, Map.of("probe.clock", new SecondaryMetric(3000.0, "MHz")));
        assertSame(bandwidth, FlopsPerCycle.derive(bandwidth));
        InvocationResult failed = result("GFLOP/s", null, 1, Map.of("probe.clock", new SecondaryMetric(3000.0, "MHz")));
        assertSame(failed, FlopsPerCycle.derive(failed));
        InvocationResult none = result("GFLOP/s", 96.0, 1, null);
        assertSame(none, FlopsPerCycle.derive(none));
    }
}
