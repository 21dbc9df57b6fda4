package org.assay.workloads.cpu;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import org.assay.workloads.kernel.SegmentedSieve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code cpu.primes.sieve}: segmented sieve of Eratosthenes, numbers checked per second. */
final class SieveWorkload extends CpuWorkload {

    static final String ID = "cpu.primes.sieve";

    SieveWorkload() {
        super(ID, 1, "org.assay.workloads.jmh.SegmentedSieveBench.sieve", "numbers/s",
                "segmented sieve of Eratosthenes below 10^k, L1-resident segments, numbers/s");
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return switch (suite) {
            case quick -> List.of(params(10_000_000L));
            case standard, thorough -> List.of(params(10_000_000L), params(1_000_000_000L));
        };
    }

    private static Map<String, Object> params(long limit) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("limit", limit);
        p.put("segmentBytes", 32768);
        return p;
    }

    /** 10^7: the quick suite's limit. */
    @Override
    boolean isHeadline(Map<String, Object> params, SizingContext sizing) {
        return Workload.longParam(params, "limit") == 10_000_000L;
    }

    @Override public Map<String, Object> testParams() { return params(1_000_000L); }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        long limit = Workload.longParam(params, "limit");
        if (SegmentedSieve.knownPrimeCount(limit) < 0 || limit < 10) {
            throw new IllegalArgumentException("sieve limit " + limit
                    + " has no reference count: use a power of ten from 10 to 10000000000");
        }
        long seg = Workload.longParam(params, "segmentBytes");
        if (seg < 64 || seg > (1 << 26)) {
            throw new IllegalArgumentException("segmentBytes " + seg + " must be between 64 and 67108864");
        }
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return Workload.longParam(params, "limit");
    }
}
