package org.assay.analysis.judging;

import org.assay.results.InvocationResult;
import org.assay.results.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MeasurementTest {

    /** A derived result (a detected cache level) has a score but neither ci nor scoreError, as real bundles hold. */
    @Test
    void aResultWithoutAnIntervalIsMeasuredWithNoHalfWidth() {
        InvocationResult level = InvocationResult.builder().invocationId("memory.latency.level[level=L1]")
                .workload("memory.latency.chase").metric("memory.latency.level").params(Map.of("level", "L1"))
                .threads(1).unit("ns").higherIsBetter(false).score(1.1).samples(List.of()).status(Status.ok).build();
        InvocationResult measured = Fixtures.ok("cpu.dgemm", Map.of("n", 512), 1, "GFLOP/s", true, 44, 1);
        RunMeasurements m = RunMeasurements.of(List.of(level, measured));
        assertEquals(2, m.all().size());
        Measurement l = m.all().get(0);
        assertNull(l.halfWidth());
        assertNull(l.standardError());
        assertEquals(List.of(1.1, 1.1), l.interval());
        assertEquals(1.0, m.all().get(1).halfWidth(), 1e-12);
    }
}
