package org.assay.workloads.jmh;

import org.assay.workloads.fork.WorkerPinning;
import net.openhft.affinity.Affinity;
import org.assay.probes.topology.AllowedCpus;
import org.assay.workloads.kernel.BandwidthLoad;
import org.assay.workloads.kernel.PointerChase;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code memory.latency.loaded}: the chase's DRAM latency on the JMH worker while background
 * threads ({@link BandwidthLoad}), one pinned to each other allowed CPU, read memory at several
 * intensities. A sweep like {@link PointerChaseBench}: iteration k runs intensity
 * {@code k mod n}; the load bandwidth actually generated during the iteration is an auxiliary
 * event counter ({@code loadGBps}), which the harness keeps with each intensity's result, so
 * the results form the curve latency against bandwidth.
 *
 * <p>The load threads are plain threads, not JMH workers: JMH's threads would all be timed and
 * averaged together, and only the chase's time is the measurement.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoadedChaseBench {

    @State(Scope.Thread)
    public static class Loaded {
        @Param("134217728")
        public long workingSetBytes;
        /** Comma-separated load intensities in percent, measured in rotation. */
        @Param("0,50,100")
        public String intensities;

        PointerChase chase;
        int[] levels;
        final List<BandwidthLoad> loads = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final LongAdder bytes = new LongAdder();
        long iterationBytes;
        long iterationStart;
        int warmup;
        int measured;
        int workerIndex;

        @Setup(Level.Trial)
        public void setUp(ThreadParams tp) throws InterruptedException {
            // the process's CPUs, read before this thread is pinned: afterwards the mask is one CPU
            List<Integer> cpus = AllowedCpus.read(Path.of("/")).cpus();
            workerIndex = tp.getThreadIndex();
            int mine = WorkerPinning.pin(workerIndex);
            String[] parts = intensities.split(",");
            levels = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                levels[i] = Integer.parseInt(parts[i].trim());
            }
            chase = PointerChase.random(workingSetBytes, 42);
            for (int cpu : cpus) {
                if (cpu == mine || (mine < 0 && threads.isEmpty() && cpu == cpus.get(0))) {
                    continue;
                }
                BandwidthLoad[] holder = new BandwidthLoad[1];
                Thread t = new Thread(() -> {
                    BitSet mask = new BitSet();
                    mask.set(cpu);
                    Affinity.setAffinity(mask);
                    holder[0].run();
                }, "assay-load-" + cpu);
                // allocated (and first-touched) on this thread: on a NUMA machine that is the
                // chase's node, the case MLC's loaded latency measures
                holder[0] = new BandwidthLoad(workingSetBytes, bytes);
                holder[0].setIntensity(0);
                loads.add(holder[0]);
                threads.add(t);
                t.setDaemon(true);
                t.start();
            }
        }

        @Setup(Level.Iteration)
        public void select(IterationParams it) {
            int k = it.getType() == IterationType.WARMUP ? warmup++ : measured++;
            int level = levels[k % levels.length];
            loads.forEach(l -> l.setIntensity(level));
            chase.walk(Math.min(chase.slots(), 1 << 16));
            iterationBytes = bytes.sum();
            iterationStart = System.nanoTime();
        }

        @TearDown(Level.Iteration)
        public void verify() {
            chase.verify();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            loads.forEach(BandwidthLoad::stop);
            for (Thread t : threads) {
                t.join(2000);
            }
            chase.close();
            WorkerPinning.observe(workerIndex);
        }

        double loadGBps() {
            long dt = System.nanoTime() - iterationStart;
            return dt > 0 ? (bytes.sum() - iterationBytes) / (double) dt : 0; // bytes per ns = GB/s
        }
    }

    /** The load's bandwidth over the iteration so far; JMH reports the value at iteration end. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Load {
        public double loadGBps;
    }

    @Benchmark
    @OperationsPerInvocation(PointerChaseBench.LOADS)
    public long chase(Loaded s, Load load) {
        long p = s.chase.walk(PointerChaseBench.LOADS);
        load.loadGBps = s.loadGBps(); // overwritten, not summed: the rate since the iteration began
        return p;
    }
}
