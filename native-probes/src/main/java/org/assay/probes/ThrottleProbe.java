package org.assay.probes;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import org.assay.probes.topology.LogicalCpu;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the chip is being held back, and why: on Intel the status bits of the thermal-status
 * MSRs (0x19C per core, 0x1B1 per package: thermal, PROCHOT, power limit, current limit), the
 * perf-limit-reasons MSR (0x64F on Skylake and later, 0x690 on Haswell), and the kernel's
 * {@code thermal_throttle} counters (docs/probes.md, throttle). Only the status bits and the
 * counters are used: the log bits are sticky until written, the kernel clears them behind our
 * back, and a read-only probe cannot clear them itself.
 *
 * <p>AMD has no equivalent register: there the probe is unavailable and says throttling is not
 * known, rather than reporting "no throttling".
 */
final class ThrottleProbe extends ProbeBase {

    /** Status bits of IA32_(PACKAGE_)THERM_STATUS. */
    static final Map<String, Integer> THERM_BITS = new LinkedHashMap<>();
    /** Status bits of 0x64F, Skylake and later (log bit = status + 16). */
    static final Map<String, Integer> LIMIT_BITS_64F = new LinkedHashMap<>();
    /** Status bits of 0x690, Haswell: a different layout from 0x64F above bit 1. */
    static final Map<String, Integer> LIMIT_BITS_690 = new LinkedHashMap<>();
    /**
     * Reasons that are not throttling: the multi-core turbo limit is active whenever several
     * cores are busy, by design. Reported as a reading, never counted as an event.
     */
    static final java.util.Set<String> NOT_EVENTS = java.util.Set.of("max_turbo");

    static {
        THERM_BITS.put("thermal", 0);
        THERM_BITS.put("prochot", 2);
        THERM_BITS.put("power_limit", 10);
        THERM_BITS.put("current_limit", 12);
        LIMIT_BITS_64F.put("prochot", 0);
        LIMIT_BITS_64F.put("thermal", 1);
        LIMIT_BITS_64F.put("vr_thermal", 6);
        LIMIT_BITS_64F.put("vr_current", 7);
        LIMIT_BITS_64F.put("pl1", 10);
        LIMIT_BITS_64F.put("pl2", 11);
        LIMIT_BITS_64F.put("max_turbo", 12);
        LIMIT_BITS_690.put("prochot", 0);
        LIMIT_BITS_690.put("thermal", 1);
        LIMIT_BITS_690.put("vr_thermal", 6);
        LIMIT_BITS_690.put("edp_current", 8);
        LIMIT_BITS_690.put("core_power", 9);
        LIMIT_BITS_690.put("pl1", 10);
        LIMIT_BITS_690.put("pl2", 11);
        LIMIT_BITS_690.put("max_turbo", 12);
    }

    private record Register(String scope, int cpu, long register, Map<String, Integer> bits) {
    }

    private final List<Register> registers = new ArrayList<>();
    private final List<String> counterFiles = new ArrayList<>();
    private final Map<String, Long> lastCounts = new LinkedHashMap<>();

    ThrottleProbe(ProbeContext ctx) {
        super(ctx, "throttle", "events",
                "thermal, power-limit and PROCHOT throttling now (1/0) and throttle events since the previous read");
        List<String> sources = new ArrayList<>();
        String msr = openMsr();
        if (msr == null) {
            sources.add("thermal status MSRs" + (registers.stream().anyMatch(r -> r.register() == 0x64F || r.register() == 0x690)
                    ? " and perf-limit reasons" : ""));
        }
        for (int cpu : ctx.topology.online()) {
            for (String f : List.of("core_throttle_count", "package_throttle_count")) {
                String path = "/sys/devices/system/cpu/cpu" + cpu + "/thermal_throttle/" + f;
                if (ctx.sys.readLong(path).isPresent()) {
                    counterFiles.add(path);
                }
            }
        }
        if (!counterFiles.isEmpty()) {
            sources.add("thermal_throttle counters");
            counts();
        }
        if (!sources.isEmpty()) {
            decide(Availability.available(String.join(", ", sources)));
        } else if (ctx.amd()) {
            decide(Availability.unavailable("not known on AMD: no throttle-status register and no thermal_throttle "
                    + "counters; judge from the frequency and thermal probes",
                    "none; APERF/MPERF (frequency probe) and k10temp (thermal probe) give indirect evidence"));
        } else {
            decide(Availability.unavailable("no thermal_throttle counters in "
                    + ctx.root.resolve("sys/devices/system/cpu/cpu0") + "; MSR: " + msr,
                    "modprobe msr and run as root or with CAP_SYS_RAWIO (Intel); a VM does not see the host's throttling"));
        }
    }

    @Override
    public synchronized List<Reading> read() {
        List<Reading> out = new ArrayList<>();
        for (Register r : registers) {
            try {
                long v = ctx.msr.read(r.cpu(), r.register());
                for (Map.Entry<String, Integer> b : r.bits().entrySet()) {
                    out.add(new Reading("throttle." + b.getKey(), r.scope(), (v >>> b.getValue()) & 1, ""));
                }
            } catch (ProbeIoException e) {
                out.add(new Reading("throttle.status", r.scope(), Double.NaN, ""));
            }
        }
        if (!counterFiles.isEmpty()) {
            out.add(new Reading("throttle.events", "", counts(), "events"));
        }
        return out;
    }

    /** Throttle events since the previous call: counter increments plus reasons active now; NaN if not known. */
    synchronized double events() {
        if (!availability().available()) {
            return Double.NaN;
        }
        double n = 0;
        for (Reading r : read()) {
            if (!Double.isNaN(r.value()) && r.value() > 0 && !NOT_EVENTS.contains(r.name().substring("throttle.".length()))) {
                n += r.name().equals("throttle.events") ? r.value() : 1;
            }
        }
        return n;
    }

    /**
     * Throttle events of the workers' CPUs since the previous call of this method: the status bits
     * of their packages and cores, and the increments of their thermal_throttle counters, each
     * package's and core's counter taken once (every CPU of a package shows the same
     * {@code package_throttle_count}, and SMT siblings the same {@code core_throttle_count}).
     * NaN if not known. Other packages' throttling is not the benchmark's.
     */
    synchronized double events(Collection<Integer> cpus) {
        if (!availability().available()) {
            return Double.NaN;
        }
        Set<Integer> pkgs = new HashSet<>();
        Set<String> cores = new HashSet<>();
        for (int c : cpus) {
            pkgs.add(ctx.packageOf(c));
            cores.add(coreKey(c));
        }
        double n = 0;
        for (Register r : registers) {
            boolean mine = r.scope().startsWith("package") ? pkgs.contains(ctx.packageOf(r.cpu())) : cores.contains(coreKey(r.cpu()));
            if (!mine) {
                continue;
            }
            try {
                long v = ctx.msr.read(r.cpu(), r.register());
                for (Map.Entry<String, Integer> b : r.bits().entrySet()) {
                    if (((v >>> b.getValue()) & 1) == 1 && !NOT_EVENTS.contains(b.getKey())) {
                        n++;
                    }
                }
            } catch (ProbeIoException e) {
                // a register that stopped answering adds nothing it did not see
            }
        }
        Set<Integer> pkgSeen = new HashSet<>();
        Set<String> coreSeen = new HashSet<>();
        for (int c : cpus) {
            String dir = "/sys/devices/system/cpu/cpu" + c + "/thermal_throttle/";
            if (pkgSeen.add(ctx.packageOf(c))) {
                n += workerIncrement(dir + "package_throttle_count");
            }
            if (coreSeen.add(coreKey(c))) {
                n += workerIncrement(dir + "core_throttle_count");
            }
        }
        return n;
    }

    private final Map<String, Long> lastWorkerCounts = new LinkedHashMap<>();

    private long workerIncrement(String file) {
        Long now = ctx.sys.readLong(file).orElse(null);
        if (now == null) {
            return 0;
        }
        Long prev = lastWorkerCounts.put(file, now);
        return prev != null && now > prev ? now - prev : 0;
    }

    private String coreKey(int cpu) {
        return ctx.packageOf(cpu) + "/" + ctx.topology.cpu(cpu).map(LogicalCpu::coreId).orElse(cpu);
    }

    /** Sum of the increments of the thermal_throttle counters since the previous call. */
    private double counts() {
        long delta = 0;
        for (String f : counterFiles) {
            Long now = ctx.sys.readLong(f).orElse(null);
            if (now == null) {
                continue;
            }
            Long prev = lastCounts.put(f, now);
            if (prev != null && now > prev) {
                delta += now - prev;
            }
        }
        return delta;
    }

    private String openMsr() {
        if (ctx.facts != null && !ctx.facts.intel()) {
            return "the throttle-status MSRs are Intel-only";
        }
        String unreadable = msrProblem();
        if (unreadable != null) {
            return unreadable;
        }
        for (int pkgCpu : ctx.packageLeaders()) {
            String pkg = "package" + Math.max(ctx.packageOf(pkgCpu), 0);
            add(new Register(pkg, pkgCpu, ThermalProbe.IA32_PACKAGE_THERM_STATUS, THERM_BITS));
            if (!add(new Register(pkg, pkgCpu, 0x64F, LIMIT_BITS_64F))) {
                add(new Register(pkg, pkgCpu, 0x690, LIMIT_BITS_690));
            }
            for (int c : ctx.coreLeaders()) {
                if (ctx.packageOf(c) == ctx.packageOf(pkgCpu)) {
                    add(new Register("core" + ctx.topology.cpu(c).map(LogicalCpu::coreId).orElse(c), c,
                            ThermalProbe.IA32_THERM_STATUS, THERM_BITS));
                }
            }
        }
        return registers.isEmpty() ? "thermal status and perf-limit MSRs not implemented (EIO)" : null;
    }

    private boolean add(Register r) {
        try {
            ctx.msr.read(r.cpu(), r.register());
            registers.add(r);
            return true;
        } catch (ProbeIoException e) {
            return false;
        }
    }
}
