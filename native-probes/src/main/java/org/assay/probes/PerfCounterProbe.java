package org.assay.probes;

import org.assay.probes.internal.PerfEvents;
import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hardware counters through perf_event_open: cycles, instructions, cache references and misses,
 * branch misses, and IPC derived only when both of its counters ran. Availability is decided by
 * trying (as JMH's perfnorm profiler does), and says what {@code perf_event_paranoid} allows:
 * at 2 (the default) only per-process user-space counting, which is what the iteration
 * profiler uses; CPU-wide counters for the time series need paranoid ≤ 0 or CAP_PERFMON.
 */
public final class PerfCounterProbe extends ProbeBase {

    static final Map<String, Long> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("cycles", PerfEvents.HW_CPU_CYCLES);
        EVENTS.put("instructions", PerfEvents.HW_INSTRUCTIONS);
        EVENTS.put("cache_references", PerfEvents.HW_CACHE_REFERENCES);
        EVENTS.put("cache_misses", PerfEvents.HW_CACHE_MISSES);
        EVENTS.put("branch_misses", PerfEvents.HW_BRANCH_MISSES);
    }

    private final boolean cpuWide;
    private final Map<String, int[]> fds = new LinkedHashMap<>();
    private final Map<String, double[]> last = new LinkedHashMap<>();
    private final List<Integer> cpus;
    private boolean closed;

    PerfCounterProbe(ProbeContext ctx) {
        super(ctx, "perf.counters", "IPC",
                "cycles, instructions, cache references/misses, branch misses per second and IPC");
        this.cpus = ctx.topology.online().isEmpty() ? List.of(0) : ctx.topology.online();
        Integer paranoid = ctx.sys.readInt("/proc/sys/kernel/perf_event_paranoid").orElse(null);
        String allows = paranoidMeaning(paranoid);
        if (!ctx.root.toAbsolutePath().normalize().equals(Path.of("/"))) {
            decide(Availability.unavailable("hardware counters are counted live, not read from --root "
                    + ctx.root + " (" + allows + ")", "run without --root on the machine itself"));
            cpuWide = false;
            return;
        }
        String problem = tryOpen(PerfEvents.TYPE_HARDWARE, PerfEvents.HW_CPU_CYCLES, 0, -1);
        problem = problem == null ? null : problem.replace("(type 0, config 0)", "(hardware cycles)");
        if (problem != null) {
            String software = tryOpen(PerfEvents.TYPE_SOFTWARE, PerfEvents.SW_TASK_CLOCK, 0, -1);
            decide(Availability.unavailable(problem + (software == null ? "; software events (task-clock) work" : "")
                    + "; " + allows, fixFor(problem)));
            cpuWide = false;
            return;
        }
        boolean wide = paranoid != null && paranoid <= 0 && openCpuWide();
        cpuWide = wide;
        decide(Availability.available("perf_event_open; " + allows
                + (wide ? "; CPU-wide counters in the time series" : "; per-iteration only (CPU-wide needs paranoid <= 0)")));
    }

    @Override
    public synchronized List<Reading> read() {
        List<Reading> out = new ArrayList<>();
        if (!cpuWide || closed) {
            return out;
        }
        for (int i = 0; i < cpus.size(); i++) {
            Map<String, Double> delta = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : fds.entrySet()) {
                double now = PerfEvents.read(e.getValue()[i]);
                double[] prev = last.get(e.getKey());
                delta.put(e.getKey(), now - prev[i]);
                prev[i] = now;
            }
            String scope = "cpu" + cpus.get(i);
            delta.forEach((k, v) -> out.add(new Reading("perf." + k, scope, v, "events")));
            out.add(new Reading("perf.ipc", scope, ipc(delta.get("instructions"), delta.get("cycles")), "IPC"));
        }
        return out;
    }

    /** Closes the CPU-wide counters (one descriptor per event and CPU); later reads give nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        fds.values().forEach(a -> { for (int fd : a) PerfEvents.close(fd); });
        fds.clear();
    }

    /** Descriptors still open: zero once closed. */
    synchronized int openDescriptors() {
        return fds.values().stream().mapToInt(a -> a.length).sum();
    }

    public static double ipc(Double instructions, Double cycles) {
        if (instructions == null || cycles == null || Double.isNaN(instructions) || Double.isNaN(cycles) || cycles <= 0) {
            return Double.NaN;
        }
        return instructions / cycles;
    }

    private boolean openCpuWide() {
        for (Map.Entry<String, Long> e : EVENTS.entrySet()) {
            int[] f = new int[cpus.size()];
            for (int i = 0; i < cpus.size(); i++) {
                try {
                    f[i] = PerfEvents.open(PerfEvents.TYPE_HARDWARE, e.getValue(), -1, cpus.get(i));
                } catch (ProbeIoException ex) {
                    fds.values().forEach(a -> { for (int fd : a) PerfEvents.close(fd); });
                    fds.clear();
                    return false;
                }
            }
            fds.put(e.getKey(), f);
            double[] l = new double[cpus.size()];
            for (int i = 0; i < cpus.size(); i++) {
                l[i] = PerfEvents.read(f[i]);
            }
            last.put(e.getKey(), l);
        }
        return true;
    }

    private static String tryOpen(int type, long config, int tid, int cpu) {
        try {
            PerfEvents.close(PerfEvents.open(type, config, tid, cpu));
            return null;
        } catch (ProbeIoException e) {
            return e.getMessage();
        }
    }

    static String paranoidMeaning(Integer p) {
        if (p == null) {
            return "perf_event_paranoid unknown";
        }
        String meaning = p <= -1 ? "all events allowed"
                : p == 0 ? "CPU-wide and kernel events allowed"
                : p == 1 ? "per-process user+kernel events, no CPU-wide"
                : p == 2 ? "per-process user-space events only"
                : "unprivileged perf_event_open refused (distribution patch)";
        return "perf_event_paranoid=" + p + ": " + meaning;
    }

    static String fixFor(String problem) {
        if (problem.contains("ENOENT")) {
            return "no hardware PMU is visible (typical of VMs): run on bare metal or enable the vPMU "
                    + "(KVM: -cpu host,pmu=on; cloud: an instance type with PMU passthrough)";
        }
        if (problem.contains("EACCES") || problem.contains("EPERM")) {
            return "sysctl kernel.perf_event_paranoid=2 (or lower), or grant CAP_PERFMON; in Docker allow perf_event_open "
                    + "in the seccomp profile";
        }
        return "check dmesg for the PMU driver";
    }
}
