package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.StreamTriad;
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
 * JMH wrapper of {@link StreamTriad}: metric {@code memory.bandwidth.triad}.
 *
 * <p>One operation is one triad pass over the worker's share of the arrays: the sweep <em>is</em>
 * the operation, so no hand-written loop amortises anything (JMH sample 11). The score is in
 * ops/s summed over workers; the harness multiplies it by the bytes of one pass
 * (24 x arrayElements / threads) to report GB/s.
 *
 * <p>{@code arrayElements} is STREAM's N: the length of each of the three arrays, shared among
 * the workers. Each worker allocates its slice itself, after pinning, so first touch puts its
 * pages on its own NUMA node (STREAM gets the same effect from a parallel initialisation loop).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamTriadBench {

    @State(Scope.Thread)
    public static class Worker {
        // Non-final and set by JMH: the JIT cannot constant-fold the sizes (JMH sample 10).
        @Param("16777216")
        public long arrayElements;

        StreamTriad triad;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            // floor: the harness counts bytes with the same share (TriadWorkload.scorePerOp)
            triad = new StreamTriad(Math.toIntExact(arrayElements / threads.getThreadCount()));
        }

        @Setup(Level.Iteration)
        public void poison() {
            triad.poison(); // untimed; proves each iteration really wrote the result array
        }

        @TearDown(Level.Iteration)
        public void verify() {
            triad.verify(); // throws "expected X but got Y": a wrong kernel posts no score
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            WorkerPinning.observe(workerIndex);
        }
    }

    @Benchmark
    public double triad(Worker w) {
        return w.triad.pass(); // returned, so JMH consumes it: no dead code
    }
}
