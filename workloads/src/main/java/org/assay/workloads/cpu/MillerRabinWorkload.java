package org.assay.workloads.cpu;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.kernel.MillerRabin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cpu.primes.millerrabin}: deterministic 64-bit Miller-Rabin over a range, numbers/s. */
final class MillerRabinWorkload extends CpuWorkload {

    static final String ID = "cpu.primes.millerrabin";
    static final long START = 1_000_000_000_000_000_000L;
    static final long START_63_BIT = 9_000_000_000_000_000_000L;

    MillerRabinWorkload() {
        super(ID, 1, "org.assay.workloads.jmh.MillerRabinBench.count", "numbers/s",
                "deterministic 64-bit Miller-Rabin (7 bases, Montgomery products) over [start, start + count), numbers/s");
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return switch (suite) {
            case quick -> List.of(params(START, 100_000));
            // 60-bit and 63-bit numbers: the exponentiation's length grows with the bit count
            case standard, thorough -> List.of(params(START, 1_000_000), params(START_63_BIT, 1_000_000));
        };
    }

    private static Map<String, Object> params(long start, long count) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("start", start);
        p.put("count", count);
        return p;
    }

    /** The 60-bit range (the quick suite's start); the 63-bit one runs at 1 and all cores. */
    @Override
    boolean isHeadline(Map<String, Object> params, SizingContext sizing) {
        return Workload.longParam(params, "start") == START;
    }

    /** 40-bit numbers, checked against a sieve of the interval at set-up. */
    @Override public Map<String, Object> testParams() { return params(1_000_000_000_000L, 2_000); }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        String problem = MillerRabin.rangeProblem(Workload.longParam(params, "start"),
                Workload.longParam(params, "count"));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return Workload.longParam(params, "count");
    }
}
