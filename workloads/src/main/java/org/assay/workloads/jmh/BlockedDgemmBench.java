package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.BlockedDgemm;
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
 * JMH wrapper of {@link BlockedDgemm}: metric {@code cpu.dgemm}.
 *
 * <p>One operation is one product {@code C = A x B} of order {@code n}. Each worker owns its three
 * matrices and multiplies them on its own core, so N workers do N products: the aggregate is the
 * machine's DGEMM throughput, per-thread is one core's. The harness reports GFLOP/s, ops/s x
 * 2 n^3 / 1e9. The kernel needs {@code --add-modules=jdk.incubator.vector}, which the harness
 * gives every fork (ForkFlags); no {@code @Fork(jvmArgsAppend)} here, because the runner's
 * arguments would replace it rather than add to it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BlockedDgemmBench {

    @State(Scope.Thread)
    public static class Worker {
        @Param("1024")
        public int n;

        BlockedDgemm dgemm;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            // allocated after pinning: first touch puts the pages on this worker's NUMA node
            dgemm = new BlockedDgemm(n, 0xD6E44L + workerIndex);
        }

        @TearDown(Level.Iteration)
        public void verify() {
            dgemm.verify();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            WorkerPinning.observe(workerIndex);
        }
    }

    @Benchmark
    public double multiply(Worker w) {
        return w.dgemm.multiply();
    }
}
