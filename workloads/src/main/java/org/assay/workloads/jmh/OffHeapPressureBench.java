package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.OffHeapRegion;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * JMH wrappers for {@code memory.pressure.firstTouch} and {@code memory.pressure.random} over a
 * chronicle-bytes {@link OffHeapRegion} of {@code regionBytes}, with transparent huge pages
 * asked for ({@code thp=huge}) or refused ({@code thp=nohuge}) by madvise.
 *
 * <p>First touch needs memory that has never been touched, so each operation gets a fresh
 * region: allocated in {@code @Setup(Level.Invocation)}, released in
 * {@code @TearDown(Level.Invocation)}. JMH sample 38 warns about per-invocation fixtures for
 * short operations (their own cost and timer granularity); here one operation faults in
 * hundreds of MiB and takes 0.1 s or more, so neither matters. The minor faults the operation
 * caused are an auxiliary counter, which JMH reports as a rate: faults/s beside GB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OffHeapPressureBench {

    public static final int RANDOM_READS = 1 << 20;

    @State(Scope.Thread)
    public static class Fresh {
        @Param("67108864")
        public long regionBytes;
        @Param("huge")
        public String thp;

        OffHeapRegion region;
        int workerIndex;

        @Setup(Level.Trial)
        public void pin(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
        }

        @Setup(Level.Invocation)
        public void allocate() {
            region = new OffHeapRegion(regionBytes, "huge".equals(thp));
        }

        @TearDown(Level.Invocation)
        public void verifyAndRelease() {
            try {
                region.verifyTouched(); // "expected X but got Y": a skipped touch posts no score
            } finally {
                region.close();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (region != null) {
                region.close(); // idempotent: also frees a region left by a failed operation
            }
            WorkerPinning.observe(workerIndex);
        }
    }

    /** Minor page faults per second, beside the primary GB/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Faults {
        public long faults;
    }

    @Benchmark
    public long firstTouch(Fresh s, Faults f) {
        long before = OffHeapRegion.minorFaults();
        long pages = s.region.touch();
        long after = OffHeapRegion.minorFaults();
        if (before >= 0 && after >= before) {
            f.faults += after - before;
        }
        return pages;
    }

    @State(Scope.Thread)
    public static class Touched {
        @Param("67108864")
        public long regionBytes;
        @Param("huge")
        public String thp;
        @Param("42")
        public long seed;

        OffHeapRegion region;
        int workerIndex;
        long nextSeed;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            region = new OffHeapRegion(regionBytes, "huge".equals(thp));
            region.touch();
        }

        @TearDown(Level.Iteration)
        public void verify() {
            region.verifyRandomReads(RANDOM_READS, nextSeed); // the last operation's stream
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            region.close();
            WorkerPinning.observe(workerIndex);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RANDOM_READS)
    public long random(Touched s) {
        // a new stream per operation (the seed changes) so no pass is a repeat of the last
        s.nextSeed = s.seed + s.nextSeed * 31 + 1;
        return s.region.randomReads(RANDOM_READS, s.nextSeed);
    }
}
