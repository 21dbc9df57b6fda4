package org.assay.probes;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.topology.MachineSnapshot;
import org.assay.results.ProbeStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every probe of this build, opened once against a root ({@code /} or a fixture tree), in a
 * stable order. Opening never throws: each probe decides its availability and says why not.
 * Closing closes every probe (the perf-counter probe holds perf_event descriptors).
 */
public final class ProbeSet implements AutoCloseable {

    private final ProbeContext ctx;
    private final MsrProbe msr;
    private final CpuidProbe cpuid;
    private final RaplEnergyProbe rapl;
    private final ThermalProbe thermal;
    private final FrequencyProbe frequency;
    private final ThrottleProbe throttle;
    private final PerfCounterProbe counters;
    private final ProcStatProbe procStat;

    private boolean closed;

    private ProbeSet(ProbeContext ctx) {
        this.ctx = ctx;
        msr = new MsrProbe(ctx);
        cpuid = new CpuidProbe(ctx);
        rapl = new RaplEnergyProbe(ctx);
        thermal = new ThermalProbe(ctx);
        frequency = new FrequencyProbe(ctx);
        throttle = new ThrottleProbe(ctx);
        counters = new PerfCounterProbe(ctx);
        procStat = new ProcStatProbe(ctx);
    }

    public static ProbeSet open(Path root) {
        return new ProbeSet(new ProbeContext(root));
    }

    /** Opens the probes on the run's snapshot, whose topology they share instead of reading it again. */
    public static ProbeSet open(MachineSnapshot machine) {
        return new ProbeSet(new ProbeContext(machine.root(), machine.topology()));
    }

    /** Closes every probe, each even when another fails; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closeEach(probes());
        }
    }

    static void closeEach(List<? extends Probe> probes) {
        RuntimeException first = null;
        for (Probe p : probes) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    public List<Probe> probes() {
        return List.of(msr, cpuid, rapl, thermal, frequency, throttle, counters, procStat);
    }

    public List<ProbeStatus> statuses() {
        List<ProbeStatus> s = new ArrayList<>();
        for (Probe p : probes()) {
            s.add(p.availability().toStatus(p.id()));
        }
        return s;
    }

    /** One reading of every available probe. */
    public List<Reading> readAll() {
        List<Reading> out = new ArrayList<>();
        for (Probe p : probes()) {
            if (p.availability().available()) {
                out.addAll(safeRead(p));
            }
        }
        return out;
    }

    /** A probe's readings; an unexpected failure gives none instead of stopping the caller. */
    public static List<Reading> safeRead(Probe p) {
        try {
            return p.read();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Extra text for people: CPUID's identity and caches, cpufreq limits. */
    public String details(Probe p) {
        if (p == cpuid) {
            return cpuid.describe();
        }
        if (p == frequency) {
            return frequency.cpufreqLimits();
        }
        return "";
    }

    PerfCounterProbe counters() {
        return counters;
    }

    /** Package energy since the set was opened (J), NaN without RAPL. */
    double packageJoules() {
        return rapl.availability().available() ? rapl.packageJoules() : Double.NaN;
    }

    double maxCelsius() {
        return thermal.availability().available() ? thermal.maxCelsius() : Double.NaN;
    }

    double averageMHz() {
        return frequency.averageMHz();
    }

    String frequencySource() {
        return frequency.source().name().toLowerCase(java.util.Locale.ROOT);
    }

    double throttleEvents() {
        return throttle.events();
    }

    boolean countersAvailable() {
        return counters.availability().available();
    }

    Path root() {
        return ctx.root;
    }

    // what the iteration meter attributes to the workers' CPUs and packages

    FrequencyProbe frequency() {
        return frequency;
    }

    RaplEnergyProbe rapl() {
        return rapl;
    }

    ThrottleProbe throttle() {
        return throttle;
    }

    boolean energyAvailable() {
        return rapl.availability().available();
    }

    List<Integer> onlineCpus() {
        return ctx.topology.online().isEmpty() ? List.of(ctx.firstCpu()) : ctx.topology.online();
    }

    int packageOf(int cpu) {
        return ctx.packageOf(cpu);
    }

    /** The physical package ids of the online CPUs, ascending. */
    List<Integer> packageIds() {
        java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
        onlineCpus().forEach(c -> ids.add(ctx.packageOf(c)));
        return List.copyOf(ids);
    }
}
