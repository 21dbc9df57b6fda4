package org.assay.harness.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class LatencyCyclesTest {

    private static InvocationResult result(String unit, double score, Map<String, SecondaryMetric> secondary) {
        return InvocationResult.builder().invocationId("m[threads=1]").workload("memory.latency.chase")
                .definitionVersion(1).metric("memory.latency.chase").params(Map.of("workingSetBytes", 262144))
                .threads(1).requestedCpus(List.of(0)).cpus(List.of(0)).unit(unit).higherIsBetter(false)
                .score(score).scoreError(0.1).ci(List.of(score - 0.1, score + 0.1)).samples(List.of(score))
                .status(Status.ok).secondary(secondary).start("2026-11-23T00:00:00Z").end("2026-11-23T00:00:01Z")
                .build();
    }

    @Test
    void anEstimatedClockGivesEstimatedCycles() {
        InvocationResult r = RunSession.withCycles(result("ns", 4.0,
                Map.of("probe.clock.estimated", new SecondaryMetric(3600.0, "MHz"))));
        assertEquals(14.4, r.secondary().get("latency.cycles.estimated").score(), 1e-9);
        assertEquals("cycles", r.secondary().get("latency.cycles.estimated").unit());
        assertFalse(r.secondary().containsKey("latency.cycles"));
    }

    @Test
    void aMeasuredClockIsPreferredOverAnEstimate() {
        InvocationResult r = RunSession.withCycles(result("ns", 100.0, Map.of(
                "probe.clock", new SecondaryMetric(2500.0, "MHz"),
                "probe.clock.estimated", new SecondaryMetric(3600.0, "MHz"))));
        assertEquals(250.0, r.secondary().get("latency.cycles").score(), 1e-9);
        assertFalse(r.secondary().containsKey("latency.cycles.estimated"));
    }

    @Test
    void noClockOrNotALatencyLeavesTheResultAlone() {
        InvocationResult noClock = result("ns", 4.0, Map.of());
        assertSame(noClock, RunSession.withCycles(noClock));
        InvocationResult unknown = result("ns", 4.0, Map.of("probe.clock", new SecondaryMetric(null, "MHz")));
        assertSame(unknown, RunSession.withCycles(unknown), "a clock that failed mid-run gives no cycles, not 0");
        InvocationResult bandwidth = result("GB/s", 20.0, Map.of("probe.clock", new SecondaryMetric(3600.0, "MHz")));
        assertSame(bandwidth, RunSession.withCycles(bandwidth));
    }

    @Test
    void cyclesAreLabelledMeasuredOnlyWhenTheWorkersClockWasMeasured() {
        InvocationResult failedMeasurement = RunSession.withCycles(result("ns", 4.0, Map.of(
                "probe.clock", new SecondaryMetric(null, "MHz"),
                "probe.clock.estimated", new SecondaryMetric(3600.0, "MHz"))));
        assertFalse(failedMeasurement.secondary().containsKey("latency.cycles"),
                "a measured clock that failed mid-run does not lend its label to the estimate");
        assertEquals(14.4, failedMeasurement.secondary().get("latency.cycles.estimated").score(), 1e-9);
    }

    @Test
    void aClockNotTakenOnTheWorkersGivesNoCyclesAtAll() {
        // without assay.cpus the fork's profiler measures every CPU, or estimates on JMH's control thread
        InvocationResult allCpus = result("ns", 4.0, Map.of("probe.clock.allCpus", new SecondaryMetric(1440.0, "MHz")));
        assertSame(allCpus, RunSession.withCycles(allCpus), "an average over idle CPUs is not the workers' clock");
        InvocationResult control = result("ns", 4.0,
                Map.of("probe.clock.estimated.controlThread", new SecondaryMetric(3600.0, "MHz")));
        assertSame(control, RunSession.withCycles(control));
    }
}
