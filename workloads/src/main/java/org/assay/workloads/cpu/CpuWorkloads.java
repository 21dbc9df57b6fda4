package org.assay.workloads.cpu;

import org.assay.workloads.ForkHeap;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import java.util.ArrayList;
import java.util.List;

/** The CPU workloads (metrics {@code cpu.*}), in the order suites run them. */
public final class CpuWorkloads {
    private CpuWorkloads() {
    }

    /**
     * Quick-suite settings for CPU kernels: two 500 ms warm-up iterations, then five of 300 ms
     * (the suite default is 500 ms for both). The warm-up stays long because the Vector API
     * kernels run ~100x slower until C2 has compiled them, and with two workers on two CPUs the
     * compiler thread has no idle CPU: a 2 x 300 ms warm-up left the first measured FFT iteration
     * at 0.17 GFLOP/s instead of 24. The shorter measurement iterations keep the CPU family
     * (8 invocations) inside its share of the quick suite; these kernels have no first-touch or
     * cache-filling effects past set-up, so 300 ms holds dozens to thousands of operations.
     */
    static final MeasurementSettings QUICK = MeasurementSettings.shortIterations(MeasurementSettings.forSuite(Suite.quick));

    /**
     * Standard-suite settings for CPU kernels: two forks of 3 warm-up and 6 measured iterations,
     * each 500 ms instead of the suite's 8 of 1 s ({@link MeasurementSettings#shortIterations}). The standard suite measures some 45 CPU
     * invocations on a 2-socket server (each kernel's ladder and its other sizes); at 1 s per
     * iteration that alone is over 20 minutes. The warm-up keeps three iterations, 1.5 s in all,
     * more than the quick suite's 1 s that C2 needs for the Vector API kernels; a measured
     * iteration of 500 ms still holds at least one operation of the longest kernel (DGEMM at
     * n = 2048, ~0.3 s on one core) and thousands of the shortest.
     */
    static final MeasurementSettings STANDARD = MeasurementSettings.shortIterations(MeasurementSettings.forSuite(Suite.standard));

    public static List<Workload> all() {
        return List.of(new SieveWorkload(), new MillerRabinWorkload(), new PeakWorkload(), new DgemmWorkload(), new FftWorkload());
    }

    /**
     * Scaling steps of a headline size: the suite's {@link ScalingLadder} (quick: 1 and all
     * cores; standard: powers of two up to one LLC domain, then one LLC, one node, one socket,
     * all cores and all hardware threads; thorough: every power of two too), one worker per
     * physical core except in the all-hardware-threads step. With {@code --smt}, N counts
     * logical CPUs, so the top steps use SMT siblings (the placement records which CPUs they used).
     */
    static List<ScalingLadder.Step> scalingSteps(Suite suite, SizingContext sizing) {
        return ScalingLadder.forSuite(suite, sizing);
    }

    static List<Integer> scalingThreadCounts(Suite suite, SizingContext sizing) {
        return ScalingLadder.counts(scalingSteps(suite, sizing));
    }

    /** The quick and standard suites' settings become {@link #QUICK} and {@link #STANDARD}; smoke and thorough pass through. */
    static MeasurementSettings settings(MeasurementSettings base) {
        if (base.equals(MeasurementSettings.forSuite(Suite.quick))) {
            return QUICK;
        }
        return base.equals(MeasurementSettings.forSuite(Suite.standard)) ? STANDARD : base;
    }

    /**
     * Refuses a size only when the machine cannot hold the fork it needs: the heap grows with the
     * workers' arrays ({@link ForkHeap#forNeeds}), so a per-worker size that more workers share is
     * never refused for the heap's sake; what must fit is that heap plus the JVM's own memory in
     * what the run may use (MemAvailable, cgroup memory.max).
     */
    static void checkMemory(String what, long bytesPerWorker, int threads, SizingContext sizing) {
        long total = bytesPerWorker * threads;
        long fork = ForkHeap.forNeeds(total) + ForkHeap.JVM_OVERHEAD_BYTES;
        if (sizing.availableMemoryBytes() > 0 && fork > sizing.availableMemoryBytes()) {
            throw new IllegalArgumentException(what + " needs a " + (ForkHeap.forNeeds(total) >> 20) + " MiB fork heap ("
                    + (total >> 20) + " MiB of arrays for " + threads + " worker(s)) plus "
                    + (ForkHeap.JVM_OVERHEAD_BYTES >> 20) + " MiB for the JVM, but only "
                    + (sizing.availableMemoryBytes() >> 20) + " MiB are available: choose a smaller size or fewer threads");
        }
    }

    /** The heap for {@code threads} workers of {@code bytesPerWorker} each. */
    static long forkHeapBytes(long bytesPerWorker, int threads) {
        return ForkHeap.forNeeds(bytesPerWorker * threads);
    }
}
