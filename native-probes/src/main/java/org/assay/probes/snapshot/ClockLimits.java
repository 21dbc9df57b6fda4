package org.assay.probes.snapshot;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.internal.ProbeIoException;
import org.assay.probes.internal.SysFiles;
import org.assay.probes.topology.CpuList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each online CPU's base, maximum and minimum clock in MHz, with where each figure came from, and
 * the same CPUs grouped where every figure agrees (a 384-CPU server is usually one group).
 *
 * <p>Sources, first that answers: cpufreq ({@code base_frequency}, which intel_pstate shows with
 * HWP; {@code acpi_cppc/nominal_freq} in MHz, which CPPC firmware gives on AMD;
 * {@code cpuinfo_max_freq} and {@code cpuinfo_min_freq}, the hardware limits; failing those
 * {@code scaling_max_freq}/{@code scaling_min_freq}, the policy's limits), then MSRs, read only:
 * Intel MSR_PLATFORM_INFO 0xCE (15:8 maximum non-turbo ratio, 47:40 maximum efficiency ratio,
 * × 100 MHz) and MSR_TURBO_RATIO_LIMIT 0x1AD (one ratio per byte); AMD PStateDef0 0xC0010064
 * (P0, the base clock: 200 × FID / DID MHz before family 1Ah, 5 × FID after). A figure no source
 * gives stays null, and {@link #reason} says why when there is none at all.
 *
 * @param cpus   one entry per online CPU
 * @param groups CPUs whose figures and sources are all equal, as kernel CPU lists
 * @param reason why no clock is known, or null when some is
 */
public record ClockLimits(List<CpuClock> cpus, List<Group> groups, String reason) {

    /** One CPU's limits; turbo ratio limits are the bytes of 0x1AD that are not zero, in MHz. */
    public record CpuClock(int cpu, Double baseMHz, String baseSource, Double maxMHz, String maxSource,
                           Double minMHz, String minSource, String driver, String governor, List<Double> turboMHz) {
    }

    /** CPUs with equal figures. */
    public record Group(String cpus, int count, Double baseMHz, String baseSource, Double maxMHz, String maxSource,
                        Double minMHz, String minSource, String driver, String governor, List<Double> turboMHz) {
    }

    private static final long PLATFORM_INFO = 0xCE;
    private static final long TURBO_RATIO_LIMIT = 0x1AD;
    private static final long PSTATE_DEF0 = 0xC0010064L;

    static ClockLimits read(ProbeContext ctx) {
        List<Integer> online = ctx.topology.online().isEmpty() ? List.of(ctx.firstCpu()) : ctx.topology.online();
        String msrProblem = msrProblem(ctx);
        boolean amd = ctx.amd();
        int family = ctx.facts != null ? ctx.facts.family()
                : ctx.cpuinfo("cpu family").flatMap(SysFiles::parseLong).map(Long::intValue).orElse(0);
        List<CpuClock> cpus = new ArrayList<>();
        for (int cpu : online) {
            cpus.add(readCpu(ctx, cpu, msrProblem == null, amd, family));
        }
        List<Group> groups = group(cpus);
        boolean any = cpus.stream().anyMatch(c -> c.baseMHz() != null || c.maxMHz() != null || c.minMHz() != null);
        String reason = any ? null : "no cpufreq (" + ctx.sys.path(dir(online.get(0))) + " missing: no scaling driver, "
                + "typical of VMs) and no MSR (" + (msrProblem != null ? msrProblem
                : (amd ? "PStateDef0 0xC0010064" : "MSR_PLATFORM_INFO 0xCE") + " not readable") + ")";
        return new ClockLimits(cpus, groups, reason);
    }

    private static String msrProblem(ProbeContext ctx) {
        try {
            ctx.msr.check(ctx.firstCpu());
            return null;
        } catch (ProbeIoException e) {
            return e.getMessage();
        }
    }

    static String dir(int cpu) {
        return "/sys/devices/system/cpu/cpu" + cpu + "/cpufreq";
    }

    private static CpuClock readCpu(ProbeContext ctx, int cpu, boolean msr, boolean amd, int family) {
        String d = dir(cpu);
        Figure base = khz(ctx, d + "/base_frequency", "cpufreq base_frequency")
                .or(() -> ctx.sys.readLong("/sys/devices/system/cpu/cpu" + cpu + "/acpi_cppc/nominal_freq")
                        .filter(v -> v > 0).map(v -> new Figure(v.doubleValue(), "acpi_cppc nominal_freq")))
                .orElse(null);
        Figure max = khz(ctx, d + "/cpuinfo_max_freq", "cpufreq cpuinfo_max_freq")
                .or(() -> khz(ctx, d + "/scaling_max_freq", "cpufreq scaling_max_freq (the policy's limit)"))
                .orElse(null);
        Figure min = khz(ctx, d + "/cpuinfo_min_freq", "cpufreq cpuinfo_min_freq")
                .or(() -> khz(ctx, d + "/scaling_min_freq", "cpufreq scaling_min_freq (the policy's limit)"))
                .orElse(null);
        List<Double> turbo = List.of();
        if (msr && amd && base == null) {
            base = pstate0(ctx, cpu, family);
        } else if (msr && !amd) {
            Long info = rdmsr(ctx, cpu, PLATFORM_INFO);
            if (info != null && base == null && ((info >>> 8) & 0xFF) != 0) {
                base = new Figure(((info >>> 8) & 0xFF) * 100.0, "MSR_PLATFORM_INFO 0xCE (max non-turbo ratio x 100 MHz)");
            }
            if (info != null && min == null && ((info >>> 40) & 0xFF) != 0) {
                min = new Figure(((info >>> 40) & 0xFF) * 100.0, "MSR_PLATFORM_INFO 0xCE (max efficiency ratio x 100 MHz)");
            }
            Long ratios = rdmsr(ctx, cpu, TURBO_RATIO_LIMIT);
            if (ratios != null) {
                turbo = turboMHz(ratios);
                if (max == null && !turbo.isEmpty()) {
                    max = new Figure(turbo.stream().mapToDouble(Double::doubleValue).max().getAsDouble(),
                            "MSR_TURBO_RATIO_LIMIT 0x1AD (highest ratio x 100 MHz)");
                }
            }
        }
        return new CpuClock(cpu, value(base), source(base), value(max), source(max), value(min), source(min),
                ctx.sys.read(d + "/scaling_driver").orElse(null), ctx.sys.read(d + "/scaling_governor").orElse(null),
                turbo);
    }

    /** P0 from PStateDef0, if the register is enabled (bit 63). */
    private static Figure pstate0(ProbeContext ctx, int cpu, int family) {
        Long def = rdmsr(ctx, cpu, PSTATE_DEF0);
        Double mhz = def == null ? null : pstateMHz(def, family);
        return mhz == null ? null : new Figure(mhz, "PStateDef0 0xC0010064 (P0)");
    }

    static Double pstateMHz(long def, int family) {
        if (def >= 0) {
            return null;   // bit 63 clear: P-state not enabled
        }
        if (family >= 0x1A) {
            long fid = def & 0xFFF;
            return fid == 0 ? null : 5.0 * fid;
        }
        long fid = def & 0xFF;
        long did = (def >>> 8) & 0x3F;
        return did == 0 ? null : 200.0 * fid / did;
    }

    static List<Double> turboMHz(long ratios) {
        List<Double> out = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            long r = (ratios >>> (8 * b)) & 0xFF;
            if (r != 0) {
                out.add(r * 100.0);
            }
        }
        return out;
    }

    private static Long rdmsr(ProbeContext ctx, int cpu, long reg) {
        try {
            return ctx.msr.read(cpu, reg);
        } catch (ProbeIoException | RuntimeException e) {
            return null;   // EIO: the register is not implemented here
        }
    }

    private static Optional<Figure> khz(ProbeContext ctx, String path, String source) {
        return ctx.sys.readLong(path).filter(v -> v > 0).map(v -> new Figure(v / 1000.0, source));
    }

    private static List<Group> group(List<CpuClock> cpus) {
        Map<List<Object>, List<Integer>> byFigures = new LinkedHashMap<>();
        Map<List<Object>, CpuClock> first = new LinkedHashMap<>();
        for (CpuClock c : cpus) {
            List<Object> key = java.util.Arrays.asList(c.baseMHz(), c.baseSource(), c.maxMHz(), c.maxSource(),
                    c.minMHz(), c.minSource(), c.driver(), c.governor(), c.turboMHz());
            byFigures.computeIfAbsent(key, k -> new ArrayList<>()).add(c.cpu());
            first.putIfAbsent(key, c);
        }
        List<Group> out = new ArrayList<>();
        byFigures.forEach((k, ids) -> {
            CpuClock c = first.get(k);
            out.add(new Group(CpuList.format(ids), ids.size(), c.baseMHz(), c.baseSource(), c.maxMHz(), c.maxSource(),
                    c.minMHz(), c.minSource(), c.driver(), c.governor(), c.turboMHz()));
        });
        return out;
    }

    private static Double value(Figure f) {
        return f == null ? null : f.mhz;
    }

    private static String source(Figure f) {
        return f == null ? null : f.source;
    }

    private record Figure(double mhz, String source) {
    }
}
