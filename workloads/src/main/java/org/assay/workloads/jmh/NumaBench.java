package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import net.openhft.affinity.Affinity;
import org.assay.workloads.kernel.MemoryAdvice;
import org.assay.workloads.kernel.PointerChase;
import org.assay.workloads.kernel.StreamKernel;
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

import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * JMH wrapper for one cell of the NUMA matrix ({@code NumaWorkload}): the worker on a CPU of
 * {@code cpuNode}, its memory bound to {@code memNode} while it allocates and first-touches.
 * {@link #latency} is a random pointer chase (ns per load); {@link #bandwidth} the read kernel
 * (ops/s, turned into GB/s by the harness). Verification as in the chase and stream wrappers.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NumaBench {

    @State(Scope.Thread)
    public static class Cell {
        @Param("0")
        public int cpuNode;
        @Param("0")
        public int memNode;
        @Param("1")
        public int nodes;
        /** The cell's CPU on cpuNode; -1 keeps the CPU the harness planned. */
        @Param("-1")
        public int cpu;
        @Param("134217728")
        public long workingSetBytes;
        @Param("16777216")
        public long arrayElements;

        PointerChase chase;
        StreamKernel read;
        int workerIndex;

        void place(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            int planned = WorkerPinning.pin(workerIndex);
            if (cpu >= 0 && cpu != planned) {
                BitSet mask = new BitSet();
                mask.set(cpu);
                Affinity.setAffinity(mask); // the pinning report's tear-down reading shows the move
            }
            if (nodes > 1 && !MemoryAdvice.bindToNode(memNode)) {
                System.out.println("assay: set_mempolicy(MPOL_BIND, node " + memNode
                        + ") refused; memory placed by first touch on the worker's node");
            }
        }

        void unbind() {
            if (nodes > 1) {
                MemoryAdvice.unbind();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (chase != null) {
                chase.close();
            }
            WorkerPinning.observe(workerIndex);
        }
    }

    @State(Scope.Thread)
    public static class LatencyCell extends Cell {
        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            place(threads);
            try {
                chase = PointerChase.random(workingSetBytes, 42);
            } finally {
                unbind();
            }
        }

        @TearDown(Level.Iteration)
        public void verify() {
            chase.verify();
        }
    }

    @State(Scope.Thread)
    public static class BandwidthCell extends Cell {
        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            place(threads);
            try {
                read = new StreamKernel(StreamKernel.Kind.READ, Math.toIntExact(arrayElements));
            } finally {
                unbind();
            }
        }

        @Setup(Level.Iteration)
        public void poison() {
            read.poison();
        }

        @TearDown(Level.Iteration)
        public void verify() {
            read.verify();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(PointerChaseBench.LOADS)
    public long latency(LatencyCell c) {
        return c.chase.walk(PointerChaseBench.LOADS);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double bandwidth(BandwidthCell c) {
        return c.read.pass();
    }
}
