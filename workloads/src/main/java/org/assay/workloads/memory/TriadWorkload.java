package org.assay.workloads.memory;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.WorkerPlacement;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code memory.bandwidth.triad}: STREAM-style triad on off-heap arrays, 4x the LLC or more. */
public final class TriadWorkload extends DescribedWorkload {

    static final String ID = "memory.bandwidth.triad";
    /** Smallest array the suites use, whatever the cache: 128 MiB per array. */
    private static final long MIN_ELEMENTS = 1L << 24;
    private static final long ROUND = 1L << 20;
    /** One direct buffer per worker and array: its bytes must fit an int. */
    private static final long MAX_SHARE = (Integer.MAX_VALUE - 4096L) / Double.BYTES;

    TriadWorkload() {
        super(ID, 1, "org.assay.workloads.jmh.StreamTriadBench.triad", "GB/s", true,
                "STREAM-style triad a=b+q*c on off-heap arrays >= 4x LLC, GB/s (STREAM byte counting)");
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return List.of(params(arrayElementsFor(sizing)));
    }

    /**
     * The scaling curve of memory bandwidth: the suite's ladder (quick: 1 and all cores;
     * standard: powers of two up to one LLC, then one LLC, node, socket, all cores, all hardware
     * threads; thorough: every power of two too).
     */
    @Override
    public List<ScalingLadder.Step> threadSteps(Suite suite, SizingContext sizing, Map<String, Object> params) {
        return ScalingLadder.forSuite(suite, sizing);
    }

    @Override
    public List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        return ScalingLadder.counts(ScalingLadder.forSuite(suite, sizing));
    }

    /** Bandwidth: workers spread over sockets, nodes and LLC domains, as STREAM's OMP_PROC_BIND=spread. */
    @Override
    public WorkerPlacement workerPlacement() {
        return WorkerPlacement.SPREAD;
    }

    /**
     * The standard suite's iterations at 500 ms instead of 1 s (warm-up and measured), for the
     * triad and the other STREAM kernels: one pass over the arrays takes 10-30 ms at any worker
     * count (STREAM's sizing keeps it so), so a 500 ms iteration still holds 15 passes or more,
     * and the standard suite measures 18 bandwidth invocations on a 2-socket server. Quick,
     * thorough and smoke keep their own.
     */
    static MeasurementSettings bandwidthSettings(MeasurementSettings base) {
        return base.equals(MeasurementSettings.forSuite(Suite.standard)) ? MeasurementSettings.shortIterations(base) : base;
    }

    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return bandwidthSettings(base);
    }

    /** STREAM's rule: each array at least 4x the last-level cache, rounded up to 1 Mi elements. */
    public static long arrayElementsFor(SizingContext sizing) {
        return arrayElementsFor(sizing.lastLevelCacheBytes());
    }

    static long arrayElementsFor(long lastLevelCacheBytes) {
        long fourTimesCache = 4 * Math.max(0, lastLevelCacheBytes) / Double.BYTES;
        long n = Math.max(MIN_ELEMENTS, fourTimesCache);
        return (n + ROUND - 1) / ROUND * ROUND;
    }

    /**
     * The last-level cache the workers on {@code cpus} reach: every instance holding one of them,
     * counted once. Empty without a layout (the suite's machine-wide size then stands).
     */
    static java.util.OptionalLong lastLevelCacheOf(List<Integer> cpus, SizingContext sizing) {
        if (sizing.topology() == null || cpus.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(sizing.topology().lastLevelCacheBytesReachedBy(cpus));
    }

    /** The arrays follow the L3s of the invocation's own CPUs (STREAM's rule for the caches in use). */
    @Override
    public Map<String, Object> sizedForWorkers(Map<String, Object> suiteParams, List<Integer> cpus, SizingContext sizing) {
        java.util.OptionalLong llc = lastLevelCacheOf(cpus, sizing);
        return llc.isPresent() ? params(arrayElementsFor(llc.getAsLong())) : suiteParams;
    }

    private static Map<String, Object> params(long arrayElements) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("arrayElements", arrayElements);
        return p;
    }

    @Override public Map<String, Object> testParams() { return params(1L << 16); }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        long n = Workload.longParam(params, "arrayElements");
        if (n < threads) {
            throw new IllegalArgumentException("arrayElements " + n + " must be at least the thread count " + threads);
        }
        if (n / threads > MAX_SHARE) {
            throw new IllegalArgumentException("arrayElements " + n + " gives each of " + threads
                    + " workers more than " + MAX_SHARE + " doubles per array; use at most "
                    + MAX_SHARE * threads);
        }
        long bytes = 3L * Double.BYTES * n;
        if (sizing.availableMemoryBytes() > 0 && bytes > sizing.availableMemoryBytes() * 3 / 4) {
            throw new IllegalArgumentException("triad needs " + (bytes >> 20) + " MiB but only "
                    + (sizing.availableMemoryBytes() >> 20) + " MiB are available; use arrayElements <= "
                    + sizing.availableMemoryBytes() * 3 / 4 / (3L * Double.BYTES));
        }
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        long share = Workload.longParam(params, "arrayElements") / threads;
        return 3.0 * Double.BYTES * share / 1e9; // ops/s x bytes per pass -> GB/s (1e9 bytes)
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        // allocation and zeroing (~2 GB/s) plus poison + verify passes around each iteration
        double gb = 3.0 * Double.BYTES * Workload.longParam(params, "arrayElements") / 1e9;
        return 0.3 + gb / 2.0;
    }
}
