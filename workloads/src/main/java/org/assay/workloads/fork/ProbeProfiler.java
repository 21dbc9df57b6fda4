package org.assay.workloads.fork;

import org.assay.probes.Availability;
import org.assay.probes.IterationMeter;
import org.assay.probes.Probe;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes the machine's behaviour to each JMH iteration: package energy (J, J/op, average W),
 * the hottest CPU temperature, the average clock, throttle events and IPC, as secondary results.
 * Assay adds it to every fork; it also works on its own:
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
 * never as {@code probe.clock}. Top-level and public because JMH loads it by name in the fork.
 */
public final class ProbeProfiler implements InternalProfiler {

    private final Path root;
    private IterationMeter meter;
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
                meter = IterationMeter.open(root);
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("ProbeProfiler: probes could not be opened under " + root + ": " + e, e);
            }
            for (Probe p : meter.probes().probes()) {
                Availability a = p.availability();
                available.put(p.id(), a.available());
            }
        }
        return meter;
    }

    @Override
    public String getDescription() {
        return "Assay probes per iteration: energy (J, J/op, W), max temperature, clock, throttle events, IPC";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        meter().begin();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        IterationMeter.IterationReading r = meter().end();
        List<Result> out = new ArrayList<>();
        if (available.get("rapl.energy")) {
            long ops = result.getMetadata() == null ? 0 : result.getMetadata().getMeasuredOps();
            out.add(new ScalarResult("probe.energy", r.energyJoules(), "J", AggregationPolicy.AVG));
            out.add(new ScalarResult("probe.energy.perOp", ops > 0 ? r.energyJoules() / ops : Double.NaN, "J/op",
                    AggregationPolicy.AVG));
            out.add(new ScalarResult("probe.power", r.averageWatts(), "W", AggregationPolicy.AVG));
        }
        if (available.get("thermal")) {
            out.add(new ScalarResult("probe.temp.max", r.maxCelsius(), "°C", AggregationPolicy.MAX));
        }
        if (available.get("frequency")) {
            String name = "estimated".equals(r.clockSource()) ? "probe.clock.estimated" : "probe.clock";
            out.add(new ScalarResult(name, r.clockMHz(), "MHz", AggregationPolicy.AVG));
        }
        if (available.get("throttle")) {
            out.add(new ScalarResult("probe.throttle.events", r.throttleEvents(), "events", AggregationPolicy.SUM));
        }
        if (available.get("perf.counters")) {
            out.add(new ScalarResult("probe.ipc", r.ipc(), "IPC", AggregationPolicy.AVG));
        }
        return out;
    }
}
