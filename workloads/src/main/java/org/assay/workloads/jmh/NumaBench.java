package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import org.assay.workloads.kernel.MemoryAdvice;
import org.assay.workloads.kernel.PointerChase;
import org.assay.workloads.kernel.StreamKernel;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * JMH wrapper for the NUMA matrix ({@code NumaWorkload}): one worker, one buffer per memory node
 * in {@code memNodes}, and every cell (row = CPU node, column = memory node) measured in rotation
 * as {@link PointerChaseBench} measures its working sets: iteration k measures cell
 * {@code k mod cells}, cells row by row, and the harness splits the result per cell.
 *
 * <p><b>Memory.</b> Each buffer is allocated and first-touched by the pinned worker while its
 * allocations are bound to the column's node ({@code set_mempolicy(MPOL_BIND)}), then the policy
 * is reset. The binding is checked, not assumed: {@code get_mempolicy(MPOL_F_NODE | MPOL_F_ADDR)}
 * on 64 pages spread over the buffer, reported with every iteration as the secondary result
 * {@code pagesOnMemNodePercent} (NaN where the kernel does not answer). On a single-node machine
 * nothing is bound and the same check shows where first touch put the pages.
 *
 * <p><b>CPU.</b> The worker starts on the CPU the harness planned (the first row's) and moves to
 * the next row's CPU ({@code rowCpus}) when the rotation reaches that row. Before it leaves a row it
 * writes a scrub buffer half the size of a measurement buffer (at least twice the last-level
 * cache, since a buffer is at least four times it): the lines of the buffers it just read then no
 * longer sit in the old core's caches, from where the next row's loads could be served by a
 * cache-to-cache transfer instead of the memory node being measured. The CPU is read
 * ({@code sched_getcpu}) before and after every iteration and reported per cell
 * ({@link WorkerPinning#observePoint}): each cell's result names the CPU it was measured on.
 *
 * <p>{@link #latency} is a random pointer chase (ns per load); {@link #bandwidth} the read kernel
 * (ops/s, turned into GB/s by the harness). Verification as in the chase and stream wrappers.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NumaBench {

    /** Pages sampled per buffer for the binding check. */
    static final int CHECKED_PAGES = 64;
    /** Warm-up walk per iteration, as in {@link PointerChaseBench}. */
    private static final int MAX_WARM_LOADS = 1 << 18;

    @State(Scope.Thread)
    public abstract static class Matrix {
        /** The rows: comma-separated CPU nodes. */
        @Param("0")
        public String cpuNodes;
        /** Each row's CPU; -1 keeps the worker on the CPU the harness planned. */
        @Param("-1")
        public String rowCpus;
        /** The columns: comma-separated memory nodes, one buffer each. */
        @Param("0")
        public String memNodes;
        @Param("1")
        public int nodes;
        @Param("134217728")
        public long workingSetBytes;
        @Param("16777216")
        public long arrayElements;

        int workerIndex;
        int[] cpus;
        int[] columns;
        double[] pagesOnNodePercent;
        LongBuffer scrub;
        int row;
        int column;
        int cell;
        int warmupIterations;
        int measurementIterations;

        /** Allocates and first-touches column {@code j}'s buffer; returns its address and length. */
        abstract long[] build(int j);

        abstract long bufferBytes();

        @Setup(Level.Trial)
        public void setUp(ThreadParams threads) {
            workerIndex = threads.getThreadIndex();
            WorkerPinning.pin(workerIndex); // before any allocation: the worker touches its own memory
            cpus = parse(rowCpus);
            columns = parse(memNodes);
            pagesOnNodePercent = new double[columns.length];
            for (int j = 0; j < columns.length; j++) {
                boolean bound = nodes > 1 && MemoryAdvice.bindToNode(columns[j]);
                if (nodes > 1 && !bound) {
                    System.out.println("assay: set_mempolicy(MPOL_BIND, node " + columns[j]
                            + ") refused; memory placed by first touch on the worker's node");
                }
                long[] region;
                try {
                    region = build(j);
                } finally {
                    if (bound) {
                        MemoryAdvice.unbind();
                    }
                }
                int on = MemoryAdvice.pagesOnNode(region[0], region[1], columns[j], CHECKED_PAGES);
                int sampled = (int) Math.min(CHECKED_PAGES, Math.max(1, region[1] / 4096));
                pagesOnNodePercent[j] = on < 0 ? Double.NaN : 100.0 * on / sampled;
            }
            if (cpus.length > 1) {
                scrub = ByteBuffer.allocateDirect(Math.toIntExact(Math.max(4096, bufferBytes() / 2)))
                        .order(ByteOrder.nativeOrder()).asLongBuffer();
            }
            row = 0;
        }

        private static int[] parse(String list) {
            String[] parts = list.split(",");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i].trim());
            }
            return out;
        }

        /** Selects the iteration's cell, moving the worker to its row's CPU first when the row changes. */
        void select(IterationParams iteration) {
            int k = iteration.getType() == IterationType.WARMUP ? warmupIterations++ : measurementIterations++;
            cell = k % (cpus.length * columns.length);
            int next = cell / columns.length;
            column = cell % columns.length;
            if (next != row && cpus[next] >= 0) {
                scrubCaches();
                WorkerPinning.moveTo(cpus[next]);
            }
            row = next;
        }

        /** Writes one long per cache line of the scrub buffer: the old core's caches now hold it. */
        private void scrubCaches() {
            LongBuffer s = scrub;
            for (int i = 0, n = s.capacity(); i < n; i += 8) {
                s.put(i, s.get(i) + 1);
            }
        }

        void observe() {
            WorkerPinning.observePoint(workerIndex, cpus[row], cell);
        }

        @TearDown(Level.Iteration)
        public void observeAfter() {
            observe();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (row != 0 && cpus[0] >= 0) {
                WorkerPinning.moveTo(cpus[0]); // back to the planned CPU: the tear-down reading checks the pinning
            }
            WorkerPinning.observe(workerIndex);
        }
    }

    @State(Scope.Thread)
    public static class LatencyMatrix extends Matrix {
        final List<PointerChase> chases = new ArrayList<>();
        PointerChase chase;

        @Override
        long[] build(int j) {
            PointerChase c = PointerChase.random(workingSetBytes, 42);
            chases.add(c);
            return new long[] {c.address(), c.workingSetBytes()};
        }

        @Override
        long bufferBytes() {
            return workingSetBytes;
        }

        @Setup(Level.Iteration)
        public void selectCell(IterationParams iteration) {
            select(iteration);
            chase = chases.get(column);
            chase.walk(Math.min(chase.slots(), MAX_WARM_LOADS)); // back into the TLB and caches it can hold
            observe();
        }

        @TearDown(Level.Iteration)
        public void verify() {
            chase.verify();
        }

        @TearDown(Level.Trial)
        public void free() {
            chases.forEach(PointerChase::close); // native memory: freed now, not by a cleaner
        }
    }

    @State(Scope.Thread)
    public static class BandwidthMatrix extends Matrix {
        final List<StreamKernel> reads = new ArrayList<>();
        StreamKernel read;

        @Override
        long[] build(int j) {
            StreamKernel k = new StreamKernel(StreamKernel.Kind.READ, Math.toIntExact(arrayElements));
            reads.add(k);
            return new long[] {k.arrayAddress(), k.arrayBytes()};
        }

        @Override
        long bufferBytes() {
            return arrayElements * Double.BYTES;
        }

        @Setup(Level.Iteration)
        public void selectCell(IterationParams iteration) {
            select(iteration);
            read = reads.get(column);
            read.poison();
            observe();
        }

        @TearDown(Level.Iteration)
        public void verify() {
            read.verify();
        }
    }

    /** The binding check of the cell being measured; JMH reports the value at iteration end. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Binding {
        public double pagesOnMemNodePercent;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(PointerChaseBench.LOADS)
    public long latency(LatencyMatrix m, Binding b) {
        b.pagesOnMemNodePercent = m.pagesOnNodePercent[m.column];
        return m.chase.walk(PointerChaseBench.LOADS);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double bandwidth(BandwidthMatrix m, Binding b) {
        b.pagesOnMemNodePercent = m.pagesOnNodePercent[m.column];
        return m.read.pass();
    }
}
