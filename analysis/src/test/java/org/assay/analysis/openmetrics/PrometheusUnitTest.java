package org.assay.analysis.openmetrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PrometheusUnitTest {

    private static void unit(String assay, String suffix, double factor) {
        PrometheusUnit u = PrometheusUnit.of(assay);
        assertEquals(suffix, u.suffix(), assay);
        assertEquals(factor, u.factor(), factor * 1e-12, assay);
    }

    @Test
    void assayUnitsBecomeBaseUnitsWithTheirFactor() {
        unit("ns", "seconds", 1e-9);
        unit("µs", "seconds", 1e-6);
        unit("ms", "seconds", 1e-3);
        unit("GB/s", "bytes_per_second", 1e9);
        unit("MiB/s", "bytes_per_second", 1024 * 1024);
        unit("Gbit/s", "bits_per_second", 1e9);
        unit("GFLOP/s", "flop_per_second", 1e9);
        unit("MHz", "hertz", 1e6);
        unit("°C", "celsius", 1);
        unit("%", "ratio", 0.01);
        unit("W", "watts", 1);
        unit("J/op", "joules_per_op", 1);
        unit("GB/CPU-s", "bytes_per_cpu_second", 1e9);
        unit("IOPS", "operations_per_second", 1);
    }

    @Test
    void anUnknownUnitKeepsItsWordsAndIsNotRescaled() {
        unit("ops/s", "ops_per_second", 1);
        unit("transactions/s", "transactions_per_second", 1);
        unit("FLOP/cycle", "flop_per_cycle", 1);
        unit("cycles", "cycles", 1);
        unit("insn/cycle", "insn_per_cycle", 1);
        unit("", "", 1);
        unit(null, "", 1);
    }

    @Test
    void familyNamesAreSnakeCasedWithTheUnitOnce() {
        PrometheusUnit ns = PrometheusUnit.of("ns");
        assertEquals("assay_memory_latency_chase_seconds", PrometheusNames.family("assay", "memory.latency.chase", ns));
        assertEquals("assay_memory_pressure_first_touch", PrometheusNames.family("assay", "memory.pressure.firstTouch",
                PrometheusUnit.of("")));
        assertEquals("assay_x_seconds", PrometheusNames.family("assay", "x.seconds", ns), "the unit is not doubled");
        assertEquals("working_set_bytes", PrometheusNames.snake("workingSetBytes"));
        assertEquals("_2nd", PrometheusNames.snake("2nd"));
        assertEquals("latency_p99_9", PrometheusNames.snake("latency.p99.9"));
    }
}
