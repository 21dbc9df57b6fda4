package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.MillerRabin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * JMH wrapper of {@link MillerRabin}: metric {@code cpu.primes.millerrabin}.
 *
 * <p>One operation tests every number of {@code [start, start + count)}. Each worker checks the
 * whole range on its own, as in {@link SegmentedSieveBench}, so the aggregate measures how the
 * cores scale. The harness reports numbers checked per second: ops/s x count.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MillerRabinBench {

    @State(Scope.Thread)
    public static class Worker {
        @Param("1000000000000000000")
        public long start;

        @Param("100000")
        public long count;

        MillerRabin test;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            test = new MillerRabin(start, count);
        }

        @TearDown(Level.Iteration)
        public void verify() {
            test.verify();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            WorkerPinning.observe(workerIndex);
        }
    }

    @Benchmark
    public long count(Worker w) {
        return w.test.countPrimes();
    }
}
