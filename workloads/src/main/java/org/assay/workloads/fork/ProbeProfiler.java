package org.assay.workloads.fork;

import net.openhft.affinity.Affinity;
import org.assay.probes.Availability;
import org.assay.probes.IterationMeter;
import org.assay.probes.Probe;
import org.assay.probes.WorkerScheduling;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Attributes the machine's behaviour to each JMH iteration: package energy (J, J/op, average W),
 * the hottest CPU temperature, the clock, throttle events and IPC, as secondary results, each
 * taken on the benchmark's workers (the CPUs of {@code assay.cpus}, the packages holding them,
 * the threads pinned there), not on JMH's control thread that calls the profiler, and not
 * averaged over a server's idle CPUs. Assay adds it to every fork; it also works on its own:
 *
 * <pre>
 * java -jar assay.jar ... or: java -cp workloads.jar org.openjdk.jmh.Main StreamTriad \
 *     -prof org.assay.workloads.fork.ProbeProfiler            (probes read under /)
 *     -prof org.assay.workloads.fork.ProbeProfiler:root=/host (a host root mounted in a container)
 * </pre>
 *
 * <p>A probe that is unavailable here adds no result at all, and a reading that fails mid-run is
 * NaN (JMH's GCProfiler does the same): a VM without RAPL must never show 0 J. A clock estimated
 * from an add chain (no APERF/MPERF, no cpufreq) is published as {@code probe.clock.estimated},
 * never as {@code probe.clock}. Without {@code assay.cpus} the workers are not known and the
 * figures that would need them carry other names ({@link #results}). Top-level and public
 * because JMH loads it by name in the fork.
 */
public final class ProbeProfiler implements InternalProfiler {

    private final Path root;
    private IterationMeter meter;
    private WorkerScheduling scheduling;
    private final Map<String, Boolean> available = new HashMap<>();

    public ProbeProfiler() throws ProfilerException {
        this("");
    }

    public ProbeProfiler(String initLine) throws ProfilerException {
        Path root = Path.of("/");
        for (String opt : initLine.split("[;,]")) {
            String o = opt.strip();
            if (o.isEmpty()) {
                continue;
            }
            if (!o.startsWith("root=")) {
                throw new ProfilerException("ProbeProfiler: unknown option '" + o + "' (known: root=DIR)");
            }
            root = Path.of(o.substring(5));
            if (!Files.isDirectory(root)) {
                throw new ProfilerException("ProbeProfiler: root=" + root + " is not a directory");
            }
        }
        this.root = root;
    }

    /**
     * The probes, opened at the first iteration rather than in the constructor: JMH also builds
     * the profiler in the parent JVM to check its options, and probes opened there (perf_event
     * descriptors, a clock estimate) would never be used or closed. The fork's meter lives as
     * long as the fork, whose exit releases it.
     */
    private IterationMeter meter() {
        if (meter == null) {
            try {
                meter = IterationMeter.open(root, workers(System.getProperty(WorkerPinning.CPUS_PROPERTY)));
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("ProbeProfiler: probes could not be opened under " + root + ": " + e, e);
            }
            for (Probe p : meter.probes().probes()) {
                Availability a = p.availability();
                available.put(p.id(), a.available());
            }
            scheduling = new WorkerScheduling(root, workers(System.getProperty(WorkerPinning.CPUS_PROPERTY)));
        }
        return meter;
    }

    @Override
    public String getDescription() {
        return "Assay probes per iteration: energy (J, J/op, W), max temperature, clock, throttle events, IPC";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        IterationMeter m = meter();
        // the scheduler's counts first: reading a few /proc files per worker is the slow part, and
        // the energy and clock counters should start as close to the iteration as possible
        scheduling.begin();
        m.begin();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        IterationMeter.IterationReading r = meter().end();
        WorkerScheduling.Reading sched = scheduling.end();
        // every operation the workers ran inside the window: with synchronised iterations they keep
        // running the benchmark before and after the timed part, and that energy is in the window too
        long ops = result.getMetadata() == null ? 0 : result.getMetadata().getAllOps();
        TimeValue time = iterationParams.getTime();
        double timedSeconds = time == null || time.getTime() <= 0 ? Double.NaN
                : time.getTimeUnit().toNanos(time.getTime()) / 1e9;
        List<Result> out = results(r, ops, timedSeconds, available);
        out.addAll(schedulingResults(sched, r.onWorkers()));
        return out;
    }

    /**
     * The scheduler's figures for one iteration: context switches and migrations of the worker
     * threads ({@code probe.sched.*}, only when the workers are known: counted over every thread
     * of a plain JMH run they would be the JIT's and the collector's), and the steal on the
     * workers' CPUs ({@code probe.steal}; {@code probe.steal.allCpus} without known workers).
     * Unknown figures are left out rather than reported as 0.
     */
    static List<Result> schedulingResults(WorkerScheduling.Reading s, boolean onWorkers) {
        List<Result> out = new ArrayList<>();
        if (onWorkers && s.threads() > 0) {
            out.add(new ScalarResult("probe.sched.involuntarySwitches", s.involuntarySwitches(), "switches",
                    AggregationPolicy.SUM));
            out.add(new ScalarResult("probe.sched.voluntarySwitches", s.voluntarySwitches(), "switches",
                    AggregationPolicy.SUM));
            if (!Double.isNaN(s.migrations())) {
                out.add(new ScalarResult("probe.sched.migrations", s.migrations(), "migrations", AggregationPolicy.SUM));
            }
        }
        if (!Double.isNaN(s.stealPercent())) {
            out.add(new ScalarResult(onWorkers ? "probe.steal" : "probe.steal.allCpus", s.stealPercent(), "%",
                    AggregationPolicy.AVG));
        }
        return out;
    }

    /**
     * The secondary results of one iteration. Names say what was measured where: {@code probe.clock}
     * and {@code probe.ipc} only for figures taken on the workers' CPUs and threads; without known
     * workers the same figures are {@code probe.clock.allCpus}, {@code probe.clock.estimated.controlThread}
     * and {@code probe.ipc.process}, which nothing downstream mistakes for the workers'.
     *
     * @param ops          the operations run inside the window (JMH's all-ops count, measured or not)
     * @param timedSeconds the iteration's timed part (NaN for a count-based iteration)
     */
    static List<Result> results(IterationMeter.IterationReading r, long ops, double timedSeconds,
                                Map<String, Boolean> available) {
        List<Result> out = new ArrayList<>();
        if (available.getOrDefault("rapl.energy", false)) {
            out.add(new ScalarResult("probe.energy", r.energyJoules(), "J", AggregationPolicy.AVG));
            out.add(new ScalarResult("probe.energy.perOp", ops > 0 ? r.energyJoules() / ops : Double.NaN, "J/op",
                    AggregationPolicy.AVG));
            out.add(new ScalarResult("probe.power", r.averageWatts(), "W", AggregationPolicy.AVG));
            r.packageJoules().forEach((pkg, j) -> out.add(new ScalarResult(
                    pkg < 0 ? "probe.energy.packageUnknown" : "probe.energy.package" + pkg, j, "J", AggregationPolicy.AVG)));
            if (r.onWorkers()) {
                out.add(new ScalarResult("probe.energy.idlePackages", r.idlePackages(), "packages", AggregationPolicy.MAX));
            }
        }
        if (available.getOrDefault("thermal", false)) {
            out.add(new ScalarResult("probe.temp.max", r.maxCelsius(), "°C", AggregationPolicy.MAX));
        }
        if (available.getOrDefault("frequency", false)) {
            boolean estimated = "estimated".equals(r.clockSource());
            String name = r.onWorkers() ? (estimated ? "probe.clock.estimated" : "probe.clock")
                    : (estimated ? "probe.clock.estimated.controlThread" : "probe.clock.allCpus");
            out.add(new ScalarResult(name, r.clockMHz(), "MHz", AggregationPolicy.AVG));
        }
        if (available.getOrDefault("throttle", false)) {
            out.add(new ScalarResult("probe.throttle.events", r.throttleEvents(), "events", AggregationPolicy.SUM));
        }
        if (available.getOrDefault("perf.counters", false)) {
            out.add(new ScalarResult(r.onWorkers() ? "probe.ipc" : "probe.ipc.process", r.ipc(), "IPC",
                    AggregationPolicy.AVG));
        }
        if (!Double.isNaN(timedSeconds)) {
            out.add(new ScalarResult("probe.window.excess", (r.seconds() - timedSeconds) * 1e3, "ms",
                    AggregationPolicy.AVG));
        }
        return out;
    }

    /**
     * The workers' planned CPUs from {@code assay.cpus}, or none (a plain JMH run, or a run whose
     * plan pins nothing). A malformed list is a harness bug: it fails the fork loudly.
     */
    static IterationMeter.Workers workers(String cpusProperty) {
        String cpus = cpusProperty == null ? "" : cpusProperty.strip();
        if (cpus.isEmpty()) {
            return IterationMeter.Workers.unknown();
        }
        List<Integer> list = new ArrayList<>();
        for (String c : cpus.split(",")) {
            list.add(Integer.parseInt(c.strip()));
        }
        return IterationMeter.Workers.pinned(list, ProbeProfiler::onCpu);
    }

    /**
     * Runs {@code task} with JMH's control thread (the caller) moved onto {@code cpu}, then puts
     * the thread back where it was allowed to run. NaN when the move did not happen (no affinity
     * support, or the CPU is outside this process's cgroup): a value from another core must not be
     * attributed to the worker's.
     */
    static double onCpu(int cpu, DoubleSupplier task) {
        BitSet before;
        try {
            before = Affinity.getAffinity();
        } catch (RuntimeException | LinkageError e) {
            return Double.NaN;
        }
        try {
            BitSet one = new BitSet();
            one.set(cpu);
            Affinity.setAffinity(one);
            return Affinity.getCpu() == cpu ? task.getAsDouble() : Double.NaN;
        } catch (RuntimeException | LinkageError e) {
            return Double.NaN;
        } finally {
            try {
                Affinity.setAffinity(before);
            } catch (RuntimeException | LinkageError e) {
                // the control thread stays on the worker's CPU; it only sleeps and collects results
            }
        }
    }
}
