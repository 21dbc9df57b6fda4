package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.PointerChase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH wrapper of {@link PointerChase}: metric {@code memory.latency.chase}, ns per load.
 *
 * <p><b>A sweep in one fork.</b> JMH gives every {@code @Param} value its own fork, and a latency
 * curve has 15-35 working sets: at ~1.5 s of fork start and warm-up each, the curve alone would
 * take a minute. So {@code workingSets} is a list, every chase is built once at trial set-up, and
 * the iterations rotate through the list: iteration k (warm-up and measurement counted apart)
 * measures set {@code k mod n}. The harness maps measurement iteration k back to point
 * {@code k mod n} ({@code Workload.sweepPoints}) and reports one result per working set.
 * Rotation rather than blocks interleaves the sets in time, so a burst of noise (steal, a
 * neighbour) smears over all points instead of bending one part of the curve.
 *
 * <p>Each iteration's set-up walks the active chase once more (untimed) to put the set back in
 * the caches and the TLB after the previous, bigger or smaller, set evicted it. One operation is
 * {@value #LOADS} dependent loads, declared with {@code @OperationsPerInvocation}, so JMH's
 * average time is already ns per load; the walk itself is the operation (no amortising loop).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PointerChaseBench {

    public static final int LOADS = 4096;
    /** Warm-up walk per iteration: the whole cycle of a cache-sized set, a slice of a big one. */
    private static final int MAX_WARM_LOADS = 1 << 18;

    @State(Scope.Thread)
    public static class Chase {
        /** Comma-separated working-set sizes in bytes, measured in rotation. */
        @Param("16384")
        public String workingSets;
        /** {@code random}, or {@code strided} with {@link #strideBytes}. */
        @Param("random")
        public String pattern;
        @Param("64")
        public int strideBytes;
        @Param("42")
        public long seed;
        /** {@code default}: the system's THP setting; {@code huge}: MADV_HUGEPAGE (random pattern only). */
        @Param("default")
        public String thp;

        final List<PointerChase> chases = new ArrayList<>();
        PointerChase active;
        int warmupIterations;
        int measurementIterations;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            for (String s : workingSets.split(",")) {
                long bytes = Long.parseLong(s.trim());
                chases.add("strided".equals(pattern)
                        ? PointerChase.strided(bytes, strideBytes)
                        : PointerChase.random(bytes, seed, "huge".equals(thp)));
            }
        }

        @Setup(Level.Iteration)
        public void select(IterationParams iteration) {
            int k = iteration.getType() == IterationType.WARMUP ? warmupIterations++ : measurementIterations++;
            active = chases.get(k % chases.size());
            active.walk(Math.min(active.slots(), MAX_WARM_LOADS));
        }

        @TearDown(Level.Iteration)
        public void verify() {
            active.verify(); // throws "expected X but got Y": a shortened walk posts no score
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            WorkerPinning.observe(workerIndex);
            chases.forEach(PointerChase::close); // native memory: freed now, not by a cleaner
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOADS)
    public long chase(Chase c) {
        return c.active.walk(LOADS); // returned, so JMH consumes it: no dead code
    }
}
