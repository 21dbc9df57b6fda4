package org.assay.workloads.cpu;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import java.util.List;
import java.util.Map;

/**
 * {@code cpu.dgemm}: blocked, register-tiled double matrix product (BlockedDgemm), GFLOP/s by
 * the BLAS count 2 n^3. Deliberately touches no Vector API class, so listing and planning work
 * in a JVM without {@code --add-modules=jdk.incubator.vector}; only the forks load the kernel.
 */
final class DgemmWorkload extends CpuWorkload {

    static final String ID = "cpu.dgemm";
    /** Largest order: three n x n double arrays must stay addressable by int. */
    static final int MAX_N = 16_384;

    DgemmWorkload() {
        super(ID, 1, "org.assay.workloads.jmh.BlockedDgemmBench.multiply", "GFLOP/s",
                "double matrix product C = A x B, packed and register-tiled with the Vector API, GFLOP/s (2n^3)");
    }

    /** 256: all three matrices in L2; 1024: 24 MiB, in L3; 2048: 96 MiB, well past the 32 MiB L3. */
    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return switch (suite) {
            case quick -> List.of(orderParams(1024));
            case standard -> List.of(orderParams(256), orderParams(1024), orderParams(2048));
            case thorough -> List.of(orderParams(256), orderParams(512), orderParams(1024), orderParams(2048));
        };
    }

    /** n = 1024: the quick suite's order, in L3. */
    @Override
    boolean isHeadline(Map<String, Object> params, SizingContext sizing) {
        return Workload.longParam(params, "n") == 1024;
    }

    @Override public Map<String, Object> testParams() { return orderParams(64); }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        long n = Workload.longParam(params, "n");
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("matrix order n=" + n + " must be between 1 and " + MAX_N);
        }
        CpuWorkloads.checkMemory("dgemm n=" + n, bytesFor(n), threads, sizing);
    }

    /** A, B and C, plus the packed panels (under 1 MiB). */
    static long bytesFor(long n) {
        return 3 * n * n * Double.BYTES + (1L << 20);
    }

    @Override
    public long forkHeapBytes(Map<String, Object> params, int threads) {
        return CpuWorkloads.forkHeapBytes(bytesFor(Workload.longParam(params, "n")), threads);
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        double n = Workload.longParam(params, "n");
        return 2 * n * n * n / 1e9;
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        double n = Workload.longParam(params, "n");
        return 0.3 + 3 * n * n * 10e-9;   // filling A and B; Freivalds' check per iteration is O(n^2) too
    }
}
