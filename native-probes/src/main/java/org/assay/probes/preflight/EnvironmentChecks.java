package org.assay.probes.preflight;

import org.assay.probes.internal.SysFiles;
import org.assay.probes.topology.ContainerLimits;
import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.CpuTimes;
import org.assay.probes.topology.CpuTopology;
import org.assay.probes.inventory.ByteSizes;
import org.assay.probes.topology.MachineSnapshot;
import org.assay.probes.topology.MemInfo;
import org.assay.probes.topology.ProcStat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.assay.results.EnvironmentCheck;

/**
 * Pre-flight checks of settings that change results. Each check records what it found and, when
 * the setting is likely to bias or blur measurements, a warning that says why. A setting that
 * cannot be read is recorded as {@code "unavailable (reason)"} without a warning when the absence
 * is normal (no cpufreq in a VM), because a warning nobody can act on teaches people to ignore
 * warnings.
 *
 * <p>Checks, by name: {@code cpu.governor}, {@code cpu.boost}, {@code cpu.smt},
 * {@code memory.thp.enabled}, {@code memory.thp.defrag}, {@code memory.swap}, {@code os.loadavg},
 * {@code cgroup.cpu.quota}, {@code clocksource}, {@code cpu.steal}, {@code memory.available}.
 */
public final class EnvironmentChecks {

    /** Warn above this share of CPU time stolen by the hypervisor. */
    static final double STEAL_WARN_PERCENT = 2.0;

    private static final String CPU = "/sys/devices/system/cpu";

    private final SysFiles fs;
    private final MachineSnapshot machine;
    private final List<Integer> allowed;
    private final List<Integer> online;

    /** @param runCpus the CPUs the run will use; null or empty for every allowed CPU */
    private EnvironmentChecks(MachineSnapshot machine, List<Integer> runCpus) {
        this.fs = new SysFiles(machine.root());
        this.machine = machine;
        this.allowed = runCpus == null || runCpus.isEmpty() ? machine.allowed().cpus() : List.copyOf(runCpus);
        List<Integer> on = CpuTopology.TopologyReader.parseOrEmpty(fs.read(CPU + "/online").orElse(""));
        this.online = on.isEmpty() ? allowed : on;
    }

    /** All checks for every allowed CPU, steal as the since-boot share, with no planned working-set size. */
    public static List<EnvironmentCheck> run(Path root) {
        return run(root, List.of(), 0, Duration.ZERO);
    }

    /**
     * All checks judged for the CPUs a run will use ({@code --cpus} narrows the allowed set):
     * governors are read on those CPUs and the load and quota are compared with their number.
     */
    public static List<EnvironmentCheck> run(Path root, List<Integer> runCpus) {
        return run(root, runCpus, 0, Duration.ZERO);
    }

    /**
     * @param plannedWorkingSetBytes the largest working set the plan will allocate (0: unknown);
     *                               available memory is judged against it
     * @param stealWindow            if positive, steal is also sampled over this window (the
     *                               since-boot share hides a neighbour that arrived an hour ago)
     */
    public static List<EnvironmentCheck> run(Path root, long plannedWorkingSetBytes, Duration stealWindow) {
        return run(root, List.of(), plannedWorkingSetBytes, stealWindow);
    }

    /** Every option at once; see the other overloads. */
    public static List<EnvironmentCheck> run(Path root, List<Integer> runCpus, long plannedWorkingSetBytes,
                                             Duration stealWindow) {
        return run(MachineSnapshot.read(root), runCpus, plannedWorkingSetBytes, stealWindow);
    }

    /** As the other overloads, from the run's snapshot instead of reading the layout again. */
    public static List<EnvironmentCheck> run(MachineSnapshot machine, List<Integer> runCpus, long plannedWorkingSetBytes,
                                             Duration stealWindow) {
        EnvironmentChecks c = new EnvironmentChecks(machine, runCpus);
        List<EnvironmentCheck> out = new ArrayList<>();
        out.add(c.governor());
        out.add(c.boost());
        out.add(c.smt());
        out.add(c.thp("enabled"));
        out.add(c.thp("defrag"));
        out.add(c.swap());
        out.add(c.loadAverage());
        out.add(c.cpuQuota());
        out.add(c.clocksource());
        out.add(c.steal(stealWindow));
        out.add(c.availableMemory(plannedWorkingSetBytes));
        return out;
    }

    EnvironmentCheck governor() {
        Map<String, List<Integer>> byGovernor = new TreeMap<>();
        List<Integer> without = new ArrayList<>();
        for (int cpu : allowed.isEmpty() ? online : allowed) {
            Optional<String> g = fs.read(CPU + "/cpu" + cpu + "/cpufreq/scaling_governor");
            if (g.isPresent()) {
                byGovernor.computeIfAbsent(g.get(), k -> new ArrayList<>()).add(cpu);
            } else {
                without.add(cpu);
            }
        }
        if (byGovernor.isEmpty()) {
            return new EnvironmentCheck("cpu.governor", "unavailable (no cpufreq: typical of VMs)", null);
        }
        List<String> parts = new ArrayList<>();
        byGovernor.forEach((g, cpus) -> parts.add(g + " on " + CpuList.format(cpus)));
        if (!without.isEmpty()) {
            parts.add("no cpufreq on " + CpuList.format(without));
        }
        List<String> slow = byGovernor.keySet().stream().filter(g -> !g.equals("performance")).toList();
        String warning = slow.isEmpty() ? null
                : "governor " + String.join(", ", slow) + " lets the clock ramp with load: early iterations run "
                + "slower and short workloads measure the ramp, not the core; for steady numbers set "
                + "'performance' (cpupower frequency-set -g performance)";
        return new EnvironmentCheck("cpu.governor", String.join("; ", parts), warning);
    }

    EnvironmentCheck boost() {
        String why = "the clock then depends on temperature, power limits and how many cores are busy, so "
                + "single- and multi-thread results differ in clock and repeated runs drift as the part warms";
        Optional<Integer> noTurbo = fs.readInt(CPU + "/intel_pstate/no_turbo");
        if (noTurbo.isPresent()) {
            boolean on = noTurbo.get() == 0;
            return new EnvironmentCheck("cpu.boost", (on ? "on" : "off") + " (intel_pstate/no_turbo=" + noTurbo.get() + ")",
                    on ? "turbo is on: " + why : null);
        }
        Optional<Integer> boost = fs.readInt(CPU + "/cpufreq/boost");
        if (boost.isPresent()) {
            boolean on = boost.get() == 1;
            return new EnvironmentCheck("cpu.boost", (on ? "on" : "off") + " (cpufreq/boost=" + boost.get() + ")",
                    on ? "boost is on: " + why : null);
        }
        return new EnvironmentCheck("cpu.boost",
                "unavailable (no intel_pstate/no_turbo or cpufreq/boost: typical of VMs, where the host decides)", null);
    }

    EnvironmentCheck smt() {
        Optional<String> control = fs.read(CPU + "/smt/control");
        Optional<String> active = fs.read(CPU + "/smt/active");
        if (control.isEmpty() && active.isEmpty()) {
            return new EnvironmentCheck("cpu.smt", "unavailable (no devices/system/cpu/smt: kernel before 4.19?)", null);
        }
        String value = control.orElse("unknown") + " (active " + active.orElse("?") + ")";
        String warning = active.filter(a -> a.equals("1")).isPresent()
                ? "SMT is active: sibling threads share one core's execution units and L1/L2, so a busy sibling "
                + "slows the measured thread; the planner uses one thread per physical core unless --smt"
                : null;
        return new EnvironmentCheck("cpu.smt", value, warning);
    }

    EnvironmentCheck thp(String file) {
        String name = "memory.thp." + file;
        Optional<String> raw = fs.read("/sys/kernel/mm/transparent_hugepage/" + file);
        if (raw.isEmpty()) {
            return new EnvironmentCheck(name, "unavailable (no transparent_hugepage in sysfs: THP compiled out)", null);
        }
        Optional<String> active = SysFiles.bracketed(raw.get());
        if (active.isEmpty()) {
            return new EnvironmentCheck(name, raw.get() + " (no bracketed choice)", null);
        }
        String v = active.get();
        String warning = null;
        if (v.equals("always") && file.equals("enabled")) {
            warning = "THP 'always': whether a buffer gets 2 MiB pages depends on fragmentation and khugepaged "
                    + "timing, so memory latency and bandwidth (TLB reach) can change from run to run";
        } else if (v.equals("always") && file.equals("defrag")) {
            warning = "THP defrag 'always': page faults may stall on direct compaction, adding "
                    + "millisecond outliers to latency results";
        }
        return new EnvironmentCheck(name, v, warning);
    }

    EnvironmentCheck swap() {
        List<String> devices = fs.lines("/proc/swaps").stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.strip().split("\\s+")[0]).toList();
        MemInfo mi = machine.memInfo();
        Long total = mi.get("SwapTotal");
        Long free = mi.get("SwapFree");
        if (total == null && devices.isEmpty()) {
            return new EnvironmentCheck("memory.swap", "unavailable (/proc/meminfo and /proc/swaps unreadable)", null);
        }
        boolean on = (total != null && total > 0) || !devices.isEmpty();
        if (!on) {
            return new EnvironmentCheck("memory.swap", "off", null);
        }
        String value = "on: " + (total == null ? "size unknown" : ByteSizes.format(total))
                + (total != null && free != null ? ", " + ByteSizes.format(total - free) + " used" : "")
                + (devices.isEmpty() ? "" : " (" + String.join(", ", devices) + ")");
        return new EnvironmentCheck("memory.swap", value,
                "swap is on: a working set near the memory size can be paged out mid-run, and memory results "
                        + "then measure the swap device; keep working sets below MemAvailable or run swapoff -a");
    }

    /** Warn when the 1-minute load exceeds this for the given number of allowed CPUs. */
    static double loadThreshold(int cpus) {
        // Any runnable neighbour competes for cores, shared cache and memory bandwidth. Half a CPU
        // is the floor (a small VM with one busy neighbour thread is already off); on big machines
        // allow one CPU in ten so idle daemons' blips do not warn.
        return Math.max(0.5, 0.1 * cpus);
    }

    EnvironmentCheck loadAverage() {
        Optional<String> raw = fs.read("/proc/loadavg");
        if (raw.isEmpty()) {
            return new EnvironmentCheck("os.loadavg", "unavailable (/proc/loadavg unreadable)", null);
        }
        String[] f = raw.get().split("\\s+");
        double one;
        try {
            one = Double.parseDouble(f[0]);
        } catch (NumberFormatException e) {
            return new EnvironmentCheck("os.loadavg", raw.get() + " (unparseable)", null);
        }
        int cpus = allowed.isEmpty() ? online.size() : allowed.size();
        double limit = loadThreshold(cpus);
        String value = String.join(" ", java.util.Arrays.copyOf(f, Math.min(3, f.length)))
                + " (1, 5, 15 min) for " + cpus + " CPUs in use, " + online.size() + " online";
        String warning = one > limit
                ? String.format(Locale.ROOT, "1-minute load %.2f is above %.2f for %d CPUs: other work is running and "
                + "competes for cores, caches and memory bandwidth, so results will be low and noisy; "
                + "wait for the machine to go idle", one, limit, cpus)
                : null;
        return new EnvironmentCheck("os.loadavg", value, warning);
    }

    EnvironmentCheck cpuQuota() {
        ContainerLimits limits = machine.limits();
        if (limits.cpuQuotaCpus() == null) {
            String v = limits.cgroupVersion().equals("none") ? "none (no cgroup found)" : "none";
            return new EnvironmentCheck("cgroup.cpu.quota", v, null);
        }
        double q = limits.cpuQuotaCpus();
        String value = String.format(Locale.ROOT, "%.2f CPUs (%s in %s)", q, limits.cpuMax(), limits.cpuMaxSource());
        String fewer = q < allowed.size()
                ? String.format(Locale.ROOT, "; that is fewer than the %d CPUs in use, so more than %.2f busy threads are throttled", allowed.size(), q)
                : "";
        return new EnvironmentCheck("cgroup.cpu.quota", value,
                "a CPU quota is set: once the group has used its quota in a period it is stopped until the next "
                        + "one, so multi-thread throughput and latency tails show throttling, not hardware" + fewer);
    }

    EnvironmentCheck clocksource() {
        Optional<String> cs = fs.read(CPU.replace("/cpu", "") + "/clocksource/clocksource0/current_clocksource");
        if (cs.isEmpty()) {
            return new EnvironmentCheck("clocksource", "unavailable (no clocksource0 in sysfs)", null);
        }
        String warning = cs.get().equals("tsc") ? null
                : "clocksource is " + cs.get() + ", not tsc: System.nanoTime() costs more per call (microseconds on "
                + "hpet or acpi_pm), which inflates short timed operations; the kernel judged the TSC unstable "
                + "or this is a guest";
        return new EnvironmentCheck("clocksource", cs.get(), warning);
    }

    EnvironmentCheck steal(Duration window) {
        Optional<ProcStat> first = ProcStat.read(fs.root());
        if (first.isEmpty()) {
            return new EnvironmentCheck("cpu.steal", "unavailable (/proc/stat unreadable)", null);
        }
        CpuTimes.Delta boot = first.get().total().sinceBoot();
        String value = String.format(Locale.ROOT, "%.2f %% since boot", boot.stealPercent());
        double worst = boot.stealPercent();
        if (!window.isZero() && !window.isNegative()) {
            try {
                Thread.sleep(window.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Optional<ProcStat> second = ProcStat.read(fs.root());
            if (second.isPresent()) {
                CpuTimes.Delta d = CpuTimes.delta(first.get().total(), second.get().total());
                if (!Double.isNaN(d.stealPercent())) {
                    value += String.format(Locale.ROOT, ", %.2f %% over the last %d ms", d.stealPercent(), window.toMillis());
                    worst = Math.max(worst, d.stealPercent());
                }
            }
        }
        String warning = worst > STEAL_WARN_PERCENT
                ? String.format(Locale.ROOT, "the hypervisor gave %.1f %% of this guest's CPU time to others: results "
                + "depend on the neighbours and will vary; steal is recorded per invocation", worst)
                : null;
        return new EnvironmentCheck("cpu.steal", value, warning);
    }

    EnvironmentCheck availableMemory(long plannedBytes) {
        MemInfo mi = machine.memInfo();
        Long total = mi.get("MemTotal");
        Long avail = mi.get("MemAvailable");
        if (avail == null) {
            return new EnvironmentCheck("memory.available", "unavailable (no MemAvailable in /proc/meminfo)", null);
        }
        ContainerLimits limits = machine.limits();
        long usable = limits.memoryMaxBytes() == null ? avail : Math.min(avail, limits.memoryMaxBytes());
        String value = ByteSizes.format(avail) + " of " + (total == null ? "?" : ByteSizes.format(total)) + " available"
                + (limits.memoryMaxBytes() == null ? "" : "; cgroup limit " + ByteSizes.format(limits.memoryMaxBytes()));
        String warning = null;
        if (plannedBytes > 0 && usable < 2 * plannedBytes) {
            warning = "only " + ByteSizes.format(usable) + " usable for a planned working set of " + ByteSizes.format(plannedBytes)
                    + ": the run may swap, be OOM-killed, or measure page reclaim instead of memory";
        } else if (total != null && avail < total / 10) {
            warning = "less than 10 % of memory is available: page reclaim and cache pressure will disturb "
                    + "memory and storage results";
        }
        return new EnvironmentCheck("memory.available", value, warning);
    }
}
