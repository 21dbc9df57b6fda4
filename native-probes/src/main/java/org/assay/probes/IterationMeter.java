package org.assay.probes;

import org.assay.probes.internal.PerfEvents;
import org.assay.probes.internal.ProbeIoException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Probe readings around one measured interval (a JMH iteration), attributed to the CPUs the
 * benchmark's workers run on: the clock of those CPUs, the energy of the packages that hold them,
 * the IPC of the worker threads, and throttle events and the hottest temperature. Every unknown
 * is NaN, never 0: a VM without RAPL must not look like a chip that used no energy.
 *
 * <p>On a 2-socket server with the workers on socket 1, socket 0's CPUs, package counter and
 * idle threads are none of the benchmark's business: an average over all 384 CPUs would report
 * the idle socket's clock, and the sum of both packages its idle draw. Where the workers are not
 * known ({@link Workers#unknown()}, a plain JMH run) the readings cover the whole machine and
 * {@link IterationReading#onWorkers()} is false.
 *
 * <p>Hardware counters are opened per worker thread at {@link #begin()} (pid = tid, user space
 * only, which the default {@code perf_event_paranoid} of 2 allows): a counter opened by the
 * profiler's own thread would count JMH's control thread, not the workers. The maximum
 * temperature is the hotter of the readings at the start and the end: sampling in between would
 * need a thread in the measured JVM.
 */
public final class IterationMeter implements AutoCloseable {

    /**
     * Where the workers run: their planned CPUs (each pins itself to one), a runner that can place
     * the caller on one of them (for the add-chain estimate), and this process's task directory.
     */
    public record Workers(List<Integer> cpus, CpuRunner runner, Path taskDir) {
        public Workers {
            cpus = List.copyOf(new TreeSet<>(cpus));
        }

        /** Workers pinned to {@code cpus} (repeats allowed: two workers may share a CPU). */
        public static Workers pinned(List<Integer> cpus, CpuRunner runner) {
            return new Workers(cpus, runner, Path.of("/proc/self/task"));
        }

        /** Workers not pinned, or pinned where nobody said: readings cover the whole machine. */
        public static Workers unknown() {
            return new Workers(List.of(), (cpu, task) -> task.getAsDouble(), Path.of("/proc/self/task"));
        }

        boolean known() {
            return !cpus.isEmpty();
        }
    }

    /**
     * What one interval cost and how the chip ran; NaN where a probe is unavailable.
     *
     * @param energyJoules   package energy of {@code packageJoules}' packages, summed
     * @param packageJoules  each summed package's energy, by physical package id (-1: a zone that
     *                       does not say its package)
     * @param idlePackages   how many of the summed packages hold no worker (their idle draw is in
     *                       the energy); NaN when the workers are not known
     * @param onWorkers      whether the clock, energy and IPC were taken on the workers' CPUs,
     *                       packages and threads (false: the whole machine)
     * @param countedThreads threads the IPC counters counted
     */
    public record IterationReading(double seconds, double energyJoules, Map<Integer, Double> packageJoules,
                                   double idlePackages, double maxCelsius, double clockMHz, String clockSource,
                                   boolean onWorkers, double throttleEvents, double ipc, int countedThreads) {
        public double averageWatts() {
            return seconds > 0 ? energyJoules / seconds : Double.NaN;
        }
    }

    private final ProbeSet probes;
    private final Workers workers;
    /** The CPUs the clock and throttling are taken on: the workers', or every online CPU when not known. */
    private final List<Integer> clockCpus;
    /** The packages whose energy is summed: those holding a worker, or null (all) when not known. */
    private final List<Integer> packages;
    private long startNanos;
    private Map<Integer, Double> startJoules = Map.of();
    private double startCelsius;
    private FrequencyProbe.Counters startCounters;
    private final List<int[]> counterFds = new ArrayList<>();
    private int countedThreads;

    private IterationMeter(ProbeSet probes, Workers workers) {
        this.probes = probes;
        this.workers = workers;
        if (workers.known()) {
            clockCpus = workers.cpus();
            TreeSet<Integer> pkgs = new TreeSet<>();
            workers.cpus().forEach(c -> pkgs.add(probes.packageOf(c)));
            packages = List.copyOf(pkgs);
        } else {
            clockCpus = probes.onlineCpus();
            packages = null;
        }
    }

    /** Opens the probes with the workers not known: whole-machine readings (see the class comment). */
    public static IterationMeter open(Path root) {
        return open(root, Workers.unknown());
    }

    /** Opens the probes and primes them (the clock estimate warms up here, not inside an iteration). */
    public static IterationMeter open(Path root, Workers workers) {
        ProbeSet set = ProbeSet.open(root);
        set.averageMHz();
        return new IterationMeter(set, workers);
    }

    public ProbeSet probes() {
        return probes;
    }

    /** The packages whose energy the readings sum, or every package when the workers are not known. */
    public List<Integer> packages() {
        return packages == null ? probes.packageIds() : packages;
    }

    /**
     * Starts an interval. The slow part (finding the worker threads, opening their counters) comes
     * first; the counters the window is made of are read last, as close to the iteration as the
     * caller is.
     */
    public void begin() {
        closeCounters();
        if (probes.countersAvailable()) {
            openCounters();
        }
        probes.throttle().events(clockCpus);      // resets the counter baseline
        startCelsius = probes.maxCelsius();
        startCounters = probes.frequency().counters(clockCpus);
        startJoules = energyNow();
        startNanos = System.nanoTime();
    }

    public IterationReading end() {
        long end = System.nanoTime();
        Map<Integer, Double> endJoules = energyNow();
        double ipc = readIpc();
        int counted = countedThreads;
        // workers not known: the estimate stays on the calling thread, and its name says so
        double mhz = probes.frequency().clockMHz(clockCpus, startCounters,
                workers.known() ? workers.runner() : Workers.unknown().runner());
        double endCelsius = probes.maxCelsius();
        double maxC = Double.isNaN(startCelsius) ? endCelsius
                : Double.isNaN(endCelsius) ? startCelsius : Math.max(startCelsius, endCelsius);
        Map<Integer, Double> perPackage = new TreeMap<>();
        double joules = energySince(startJoules, endJoules, perPackage);
        return new IterationReading((end - startNanos) / 1e9, joules, Collections.unmodifiableMap(perPackage),
                idlePackages(perPackage.keySet()), maxC, mhz, probes.frequencySource(), workers.known(),
                probes.throttle().events(clockCpus), ipc, counted);
    }

    /** Closes the per-thread counters of an unfinished interval and the probes. */
    @Override
    public void close() {
        closeCounters();
        probes.close();
    }

    private Map<Integer, Double> energyNow() {
        return probes.energyAvailable() ? probes.rapl().packageJoules(packages) : Map.of();
    }

    /**
     * The energy of each package between two readings, and their sum; NaN when a worker's package
     * has no counter (the energy cannot be attributed) or a counter failed.
     */
    private double energySince(Map<Integer, Double> start, Map<Integer, Double> end, Map<Integer, Double> perPackage) {
        if (!probes.energyAvailable() || end.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Map.Entry<Integer, Double> e : end.entrySet()) {
            Double s = start.get(e.getKey());
            double j = s == null ? Double.NaN : e.getValue() - s;
            perPackage.put(e.getKey(), j);
            sum += j;
        }
        if (packages != null && !end.containsKey(RaplEnergyProbe.UNKNOWN_PACKAGE) && !end.keySet().containsAll(packages)) {
            return Double.NaN;
        }
        return sum;
    }

    /** Summed packages without a worker; a zone of unknown package may stand for all the others. */
    private double idlePackages(Set<Integer> summed) {
        if (packages == null || summed.isEmpty()) {
            return Double.NaN;
        }
        if (summed.contains(RaplEnergyProbe.UNKNOWN_PACKAGE)) {
            return Math.max(0, probes.packageIds().size() - packages.size());
        }
        return summed.stream().filter(p -> !packages.contains(p)).count();
    }

    private void openCounters() {
        countedThreads = 0;
        for (int tid : WorkerThreads.select(workers.taskDir(), workers.cpus(), WorkerThreads.callerTid())) {
            try {
                int cycles = PerfEvents.open(PerfEvents.TYPE_HARDWARE, PerfEvents.HW_CPU_CYCLES, tid, -1);
                int instr;
                try {
                    instr = PerfEvents.open(PerfEvents.TYPE_HARDWARE, PerfEvents.HW_INSTRUCTIONS, tid, -1);
                } catch (ProbeIoException e) {
                    PerfEvents.close(cycles);
                    continue;
                }
                counterFds.add(new int[] {cycles, instr});
                countedThreads++;
            } catch (ProbeIoException e) {
                // the thread ended, or counters went away: it is simply not counted
            }
        }
    }

    private double readIpc() {
        if (counterFds.isEmpty()) {
            return Double.NaN;
        }
        double cycles = 0;
        double instructions = 0;
        for (int[] fd : counterFds) {
            double c = PerfEvents.read(fd[0]);
            double i = PerfEvents.read(fd[1]);
            if (!Double.isNaN(c) && !Double.isNaN(i)) {
                cycles += c;
                instructions += i;
            }
        }
        closeCounters();
        return PerfCounterProbe.ipc(instructions, cycles);
    }

    private void closeCounters() {
        for (int[] fd : counterFds) {
            PerfEvents.close(fd[0]);
            PerfEvents.close(fd[1]);
        }
        counterFds.clear();
    }
}
