package org.assay.probes;

import org.assay.probes.internal.SysFiles;
import org.assay.probes.topology.CpuTimes;
import org.assay.probes.topology.ProcStat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the scheduler treated the benchmark's workers during one interval (a JMH iteration):
 * involuntary context switches (something else ran on the worker's CPU and pre-empted it),
 * voluntary ones (the worker blocked), migrations (the worker changed CPU) and the steal on the
 * workers' CPUs. This is the evidence a disturbed iteration needs: a slow iteration with 40
 * involuntary switches on a pinned worker was shared with another task; one with none and no
 * steal was slowed by something the OS cannot see (a neighbour on the host's shared cache, a
 * clock change).
 *
 * <p>The counts come from each worker thread's {@code /proc/self/task/TID/status}
 * ({@code voluntary_ctxt_switches}, {@code nonvoluntary_ctxt_switches}) and {@code sched}
 * ({@code se.nr_migrations}, present when the kernel has scheduler statistics; NaN otherwise),
 * read at both edges of the interval: the workers are the threads pinned to one planned CPU, as
 * for the hardware counters ({@link WorkerThreads}). A thread that appears or ends in between is
 * left out, since half an interval's count would understate. Steal is taken from {@code /proc/stat}
 * over the workers' CPUs (every CPU when the workers are not known); an interval shorter than one
 * tick has no steal figure (NaN), not 0.
 */
public final class WorkerScheduling {

    /**
     * One interval's figures, summed over the worker threads counted; NaN where unknown.
     *
     * @param threads worker threads seen at both edges
     */
    public record Reading(double involuntarySwitches, double voluntarySwitches, double migrations,
                          double stealPercent, int threads) {
    }

    private final Path root;
    private final IterationMeter.Workers workers;
    private final byte[] buffer = new byte[64 * 1024];
    private Map<Integer, long[]> start = Map.of();
    private ProcStat startStat;

    /**
     * @param root    where {@code proc/stat} is read (the host's root under {@code --root})
     * @param workers the workers' CPUs and this process's task directory
     */
    public WorkerScheduling(Path root, IterationMeter.Workers workers) {
        this.root = root;
        this.workers = workers;
    }

    public void begin() {
        start = counts();
        startStat = ProcStat.readInto(root.resolve("proc/stat"), buffer).orElse(null);
    }

    public Reading end() {
        ProcStat endStat = ProcStat.readInto(root.resolve("proc/stat"), buffer).orElse(null);
        Map<Integer, long[]> end = counts();
        double inv = 0;
        double vol = 0;
        double mig = 0;
        boolean migrationsKnown = true;
        int threads = 0;
        for (Map.Entry<Integer, long[]> e : end.entrySet()) {
            long[] s = start.get(e.getKey());
            if (s == null) {
                continue;
            }
            long[] f = e.getValue();
            threads++;
            vol += Math.max(0, f[0] - s[0]);
            inv += Math.max(0, f[1] - s[1]);
            if (f[2] < 0 || s[2] < 0) {
                migrationsKnown = false;
            } else {
                mig += Math.max(0, f[2] - s[2]);
            }
        }
        boolean any = threads > 0;
        return new Reading(any ? inv : Double.NaN, any ? vol : Double.NaN,
                any && migrationsKnown ? mig : Double.NaN, steal(startStat, endStat), threads);
    }

    private double steal(ProcStat before, ProcStat after) {
        if (before == null || after == null) {
            return Double.NaN;
        }
        List<Integer> cpus = workers.cpus();
        if (cpus.isEmpty()) {
            return CpuTimes.delta(before.total(), after.total()).stealPercent();
        }
        long ticks = 0;
        double stolen = 0;
        for (int cpu : cpus) {
            CpuTimes b = before.perCpu().get(cpu);
            CpuTimes a = after.perCpu().get(cpu);
            if (b == null || a == null) {
                return Double.NaN;     // a worker's CPU went offline: no honest figure for the set
            }
            CpuTimes.Delta d = CpuTimes.delta(b, a);
            if (d.ticks() > 0) {
                ticks += d.ticks();
                stolen += d.stealPercent() * d.ticks();
            }
        }
        return ticks == 0 ? Double.NaN : stolen / ticks;
    }

    /** Per worker thread: voluntary, involuntary switches and migrations (-1 when not exposed). */
    private Map<Integer, long[]> counts() {
        Map<Integer, long[]> out = new HashMap<>();
        for (int tid : WorkerThreads.select(workers.taskDir(), workers.cpus(), WorkerThreads.callerTid())) {
            Path task = workers.taskDir().resolve(Integer.toString(tid));
            Optional<String> status = SysFiles.read(task.resolve("status"));
            if (status.isEmpty()) {
                continue;      // ended between the listing and the read
            }
            long vol = field(status.get(), "voluntary_ctxt_switches:");
            long inv = field(status.get(), "nonvoluntary_ctxt_switches:");
            if (vol < 0 || inv < 0) {
                continue;
            }
            long mig = SysFiles.read(task.resolve("sched")).map(s -> field(s, "se.nr_migrations")).orElse(-1L);
            out.put(tid, new long[] {vol, inv, mig});
        }
        return out;
    }

    /** The number after {@code key} (and an optional ':') on the line that starts with it; -1 if absent. */
    static long field(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                String rest = line.substring(key.length()).strip();
                if (rest.startsWith(":")) {
                    rest = rest.substring(1).strip();
                }
                try {
                    return Long.parseLong(rest);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
