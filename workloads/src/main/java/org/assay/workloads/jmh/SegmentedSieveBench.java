package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.SegmentedSieve;
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
 * JMH wrapper of {@link SegmentedSieve}: metric {@code cpu.primes.sieve}.
 *
 * <p>One operation counts every prime below {@code limit}. Each worker sieves the whole range on
 * its own (as {@code sysbench cpu} does), so N workers do N times the work and the aggregate
 * score measures how the cores scale, not how well one range splits. The harness reports
 * numbers checked per second: ops/s x limit.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SegmentedSieveBench {

    @State(Scope.Thread)
    public static class Worker {
        @Param("10000000")
        public long limit;

        /** 32 KiB of odd-number flags: one segment spans 64 Ki numbers and stays in L1. */
        @Param("32768")
        public int segmentBytes;

        SegmentedSieve sieve;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            sieve = new SegmentedSieve(limit, segmentBytes);
        }

        @TearDown(Level.Iteration)
        public void verify() {
            sieve.verify();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            WorkerPinning.observe(workerIndex);
        }
    }

    @Benchmark
    public long sieve(Worker w) {
        return w.sieve.countPrimes();
    }
}
