package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.FmaPeak;
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
 * JMH wrapper of {@link FmaPeak}: metric {@code cpu.peak}.
 *
 * <p>One operation is {@link FmaPeak#STEPS} steps of {@link FmaPeak#CHAINS} independent FMA
 * chains at {@code width} ({@code scalar}, {@code 128}, {@code 256} or {@code 512} bits). Each
 * worker runs its own chains on its own core, so N workers give the machine's FMA throughput at
 * that width. The harness reports GFLOP/s, ops/s x 2 x CHAINS x STEPS x lanes / 1e9. A fork runs
 * one width only: loops of several widths in one JVM share the Vector API's call sites, and the
 * mixed type profile stops C2 from compiling them to vector instructions. Vector API flags come
 * from the harness, as for DGEMM.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FmaPeakBench {

    @State(Scope.Thread)
    public static class Worker {
        @Param("scalar")
        public String width;

        FmaPeak peak;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            peak = new FmaPeak(FmaPeak.bitsOf(width));
        }

        @TearDown(Level.Iteration)
        public void verify() {
            peak.verify();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            WorkerPinning.observe(workerIndex);
        }
    }

    @Benchmark
    public double chains(Worker w) {
        return w.peak.run();
    }
}
