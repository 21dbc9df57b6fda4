package org.assay.harness.derived;

import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepResultsTest {

    private static InvocationResult whole(Status status) {
        return InvocationResult.builder().invocationId("memory.latency.chase[workingSets=1,2,threads=1]")
                .workload("memory.latency.chase").definitionVersion(1).metric("memory.latency.chase")
                .params(Map.of("workingSets", "1,2")).threads(1).requestedCpus(List.of(0)).cpus(List.of(0))
                .unit("ns").higherIsBetter(false).score(status == Status.ok ? 5.0 : null).status(status)
                .reason(status == Status.ok ? null : "fork crashed")
                .secondary(Map.of("host.steal", new SecondaryMetric(0.1, "%"))).start("s").end("e")
                .settings(Map.of("forks", 2)).build();
    }

    @Test
    void eachPointGetsTheIterationsOfItsOwnTurnInEveryFork() {
        List<Map<String, Object>> points = List.of(Map.of("workingSetBytes", 4096L), Map.of("workingSetBytes", 8192L));
        List<List<Double>> forks = List.of(List.of(1.0, 10.0, 1.2, 10.2), List.of(1.1, 10.1, 1.3, 10.3));
        List<List<Map<String, SecondaryMetric>>> secondary = List.of(
                List.of(Map.of("loadGBps", new SecondaryMetric(0.0, "#")), Map.of("loadGBps", new SecondaryMetric(20.0, "#")),
                        Map.of("loadGBps", new SecondaryMetric(0.0, "#")), Map.of("loadGBps", new SecondaryMetric(22.0, "#"))),
                List.of(Map.of(), Map.of(), Map.of(), Map.of()));
        List<InvocationResult> rs = SweepResults.split(whole(Status.ok), points, forks, secondary);
        assertEquals(2, rs.size());
        assertEquals(List.of(1.0, 1.2, 1.1, 1.3), rs.get(0).samples());
        assertEquals(List.of(10.0, 10.2, 10.1, 10.3), rs.get(1).samples());
        assertEquals(1.15, rs.get(0).score(), 1e-12);
        assertNotNull(rs.get(0).scoreError());
        assertEquals(Map.of("workingSetBytes", 8192L), rs.get(1).params());
        assertEquals("memory.latency.chase[workingSetBytes=8192,threads=1]", rs.get(1).invocationId());
        assertEquals(21.0, rs.get(1).secondary().get("loadGBps").score(), 1e-12);
        assertEquals(0.0, rs.get(0).secondary().get("loadGBps").score(), 1e-12);
        assertTrue(rs.get(1).secondary().containsKey("host.steal"), "the invocation's own secondaries stay");
        assertEquals(whole(Status.ok).invocationId(), rs.get(1).settings().get("sweep"));
    }

    @Test
    void aFailedSweepStaysOneFailedResult() {
        List<InvocationResult> rs = SweepResults.split(whole(Status.failed), List.of(Map.of("workingSetBytes", 1L)),
                List.of(), List.of());
        assertEquals(1, rs.size());
        assertEquals(Status.failed, rs.get(0).status());
    }
}
