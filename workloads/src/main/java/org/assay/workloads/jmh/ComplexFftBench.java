package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.ComplexFft;
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
 * JMH wrapper of {@link ComplexFft}: metric {@code cpu.fft}.
 *
 * <p>One operation is one forward transform of {@code n} points. Each worker owns its arrays and
 * transforms them on its own core (N workers, N transforms). The harness reports GFLOP/s,
 * ops/s x 5 n log2 n / 1e9. Vector API flags come from the harness, as for DGEMM.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ComplexFftBench {

    @State(Scope.Thread)
    public static class Worker {
        @Param("4096")
        public int n;

        ComplexFft fft;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            fft = new ComplexFft(n, 0xFF7L + workerIndex);
        }

        @TearDown(Level.Iteration)
        public void verify() {
            fft.verify();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            WorkerPinning.observe(workerIndex);
        }
    }

    @Benchmark
    public double transform(Worker w) {
        return w.fft.transform();
    }
}
