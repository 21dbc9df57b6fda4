package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.StreamKernel;
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
 * JMH wrapper of {@link StreamKernel}: metrics {@code memory.bandwidth.{copy,scale,add,read,write}}.
 * Built like {@link StreamTriadBench}: one operation is one pass over the worker's share, each
 * worker allocates its slice after pinning (first touch on its node), destinations are poisoned
 * before and verified after each iteration; the harness multiplies ops/s by the bytes of one
 * pass to report GB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamKernelBench {

    @State(Scope.Thread)
    public static class Worker {
        @Param("copy")
        public String kind;
        @Param("16777216")
        public long arrayElements;

        StreamKernel kernel;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex);
            kernel = new StreamKernel(StreamKernel.Kind.parse(kind),
                    Math.toIntExact(arrayElements / threads.getThreadCount()));
        }

        @Setup(Level.Iteration)
        public void poison() {
            kernel.poison();
        }

        @TearDown(Level.Iteration)
        public void verify() {
            kernel.verify();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            WorkerPinning.observe(workerIndex);
        }
    }

    @Benchmark
    public double pass(Worker w) {
        return w.kernel.pass(); // returned, so JMH consumes it: no dead code
    }
}
