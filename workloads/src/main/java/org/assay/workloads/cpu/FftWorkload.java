package org.assay.workloads.cpu;

import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import java.util.List;
import java.util.Map;

/**
 * {@code cpu.fft}: complex double 1-D FFT (ComplexFft), GFLOP/s by the 5 n log2 n convention.
 * Touches no Vector API class (see DgemmWorkload).
 */
final class FftWorkload extends CpuWorkload {

    static final String ID = "cpu.fft";
    /** The kernel's smallest size: an 8-point scalar pass and one vector pass of 8 lanes. */
    static final long MIN_N = 16;

    /** Definition version 2: one array with staggered vectors and 64-byte aligned data (was: six separate arrays). */
    FftWorkload() {
        super(ID, 2, "org.assay.workloads.jmh.ComplexFftBench.transform", "GFLOP/s",
                "complex double 1-D FFT, radix-2/4 with precomputed twiddles, Vector API, GFLOP/s (5 n log2 n)");
    }

    /**
     * Objects on 64-byte boundaries, so that the kernel's data (ComplexFft.ALIGN_OFFSET) starts on
     * a cache line in every fork, wherever the collector copies it; without this, 8-double vector
     * loads split lines or not depending on the JVM (docs/methodology.md, cpu.fft).
     */
    @Override public List<String> forkJvmArgs() { return List.of("-XX:ObjectAlignmentInBytes=64"); }

    /**
     * 2^10 (32 KiB of data and output: L1/L2), 2^12, 2^16 (2 MiB: L2/L3), 2^20 (32 MiB of
     * arrays: the L3's size) and 2^22 (out of cache).
     */
    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return switch (suite) {
            case quick -> List.of(orderParams(4096));
            case standard -> List.of(orderParams(1024), orderParams(4096), orderParams(1 << 16), orderParams(1 << 20));
            case thorough -> List.of(orderParams(1024), orderParams(4096), orderParams(1 << 16), orderParams(1 << 20),
                    orderParams(1 << 22));
        };
    }

    /** n = 4096: the quick suite's length. */
    @Override
    boolean isHeadline(Map<String, Object> params, SizingContext sizing) {
        return Workload.longParam(params, "n") == 4096;
    }

    @Override public Map<String, Object> testParams() { return orderParams(256); }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        long n = Workload.longParam(params, "n");
        if (n < MIN_N || (n & (n - 1)) != 0 || n > (1 << 26)) {
            throw new IllegalArgumentException("FFT size n=" + n
                    + " must be a power of two between " + MIN_N + " and 67108864 (2^26)");
        }
        CpuWorkloads.checkMemory("fft n=" + n, bytesFor(n), threads, sizing);
    }

    /**
     * Input, output and twiddles (6 doubles per point), the bit-reversal table (one int), and
     * verification's round trip (4 doubles per point while it runs).
     */
    static long bytesFor(long n) {
        return n * (10 * Double.BYTES + Integer.BYTES);
    }

    @Override
    public long forkHeapBytes(Map<String, Object> params, int threads) {
        return CpuWorkloads.forkHeapBytes(bytesFor(Workload.longParam(params, "n")), threads);
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        long n = Workload.longParam(params, "n");
        return 5.0 * n * (63 - Long.numberOfLeadingZeros(n)) / 1e9;
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        double n = Workload.longParam(params, "n");
        return 0.3 + n * 100e-9;   // n sin/cos pairs for the twiddles
    }
}
