package org.assay.probes.snapshot;

import org.assay.probes.internal.ProbeContext;
import org.assay.probes.topology.CpuList;
import org.assay.probes.topology.LogicalCpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's thermal-throttle counts since boot, from
 * {@code /sys/devices/system/cpu/cpuN/thermal_throttle/}: {@code core_throttle_count} (times the
 * core's thermal status went active), {@code package_throttle_count} (the same for the package,
 * equal on every CPU of it), and their {@code _max_time_ms} (longest episode) and
 * {@code _total_time_ms} where the kernel has them. Intel only: the kernel's thermal-interrupt
 * driver is Intel's, and AMD has no such counters at all.
 *
 * @param available whether the counters exist here
 * @param reason    why not, or null
 * @param cpus      per online CPU (SMT siblings have counters of their own)
 * @param packages  per package, read from its lowest-numbered online CPU
 * @param summary   the totals, or null when unavailable
 */
public record ThrottleCounts(boolean available, String reason, List<CpuCount> cpus, List<PackageCount> packages,
                             Summary summary) {

    public record CpuCount(int cpu, int packageId, int coreId, Long count, Long maxTimeMs, Long totalTimeMs) {
    }

    public record PackageCount(int packageId, int cpu, Long count, Long maxTimeMs, Long totalTimeMs) {
    }

    /**
     * @param coreEvents     core throttle events summed over the cores, each core counted once (the highest of its SMT siblings, which see the same events)
     * @param throttledCores cores with a count above zero
     * @param throttledCpus  the CPUs with a count above zero, as a kernel CPU list ("" for none)
     * @param maxCount       the highest count of one CPU, and {@code maxCpu} the first CPU with it
     * @param packageEvents  package throttle events summed over the packages
     */
    public record Summary(long coreEvents, int throttledCores, String throttledCpus, long maxCount, Integer maxCpu,
                          long packageEvents, Long longestMs) {
    }

    static final String DIR = "/sys/devices/system/cpu/cpu%d/thermal_throttle/";

    static ThrottleCounts read(ProbeContext ctx) {
        if (ctx.amd()) {
            return new ThrottleCounts(false, "AMD: the kernel exposes no thermal-throttle counters (thermal_throttle "
                    + "is Intel's thermal-interrupt driver)", List.of(), List.of(), null);
        }
        List<Integer> online = ctx.topology.online().isEmpty() ? List.of(ctx.firstCpu()) : ctx.topology.online();
        String first = String.format(DIR, online.get(0));
        if (!ctx.sys.exists(first + "core_throttle_count")) {
            return new ThrottleCounts(false, ctx.sys.path(first) + " missing (no thermal-interrupt driver: typical of "
                    + "VMs, whose CPUs report no thermal events)", List.of(), List.of(), null);
        }
        List<CpuCount> cpus = new ArrayList<>();
        Map<Integer, PackageCount> packages = new LinkedHashMap<>();
        for (int cpu : online) {
            String d = String.format(DIR, cpu);
            Optional<LogicalCpu> lc = ctx.topology.cpu(cpu);
            int pkg = lc.map(LogicalCpu::packageId).orElse(0);
            cpus.add(new CpuCount(cpu, pkg, lc.map(LogicalCpu::coreId).orElse(cpu), get(ctx, d + "core_throttle_count"),
                    get(ctx, d + "core_throttle_max_time_ms"), get(ctx, d + "core_throttle_total_time_ms")));
            if (!packages.containsKey(pkg) && ctx.sys.exists(d + "package_throttle_count")) {
                packages.put(pkg, new PackageCount(pkg, cpu, get(ctx, d + "package_throttle_count"),
                        get(ctx, d + "package_throttle_max_time_ms"), get(ctx, d + "package_throttle_total_time_ms")));
            }
        }
        List<PackageCount> pkgs = new ArrayList<>(packages.values());
        return new ThrottleCounts(true, null, cpus, pkgs, summarise(cpus, pkgs));
    }

    static Summary summarise(List<CpuCount> cpus, List<PackageCount> packages) {
        Map<List<Integer>, Long> perCore = new LinkedHashMap<>();
        List<Integer> throttled = new ArrayList<>();
        long max = 0;
        Integer maxCpu = null;
        Long longest = null;
        for (CpuCount c : cpus) {
            long n = c.count() == null ? 0 : c.count();
            perCore.merge(List.of(c.packageId(), c.coreId()), n, Math::max);
            if (n > 0) {
                throttled.add(c.cpu());
            }
            if (n > max) {
                max = n;
                maxCpu = c.cpu();
            }
            if (c.maxTimeMs() != null) {
                longest = Math.max(longest == null ? 0 : longest, c.maxTimeMs());
            }
        }
        long coreEvents = perCore.values().stream().mapToLong(Long::longValue).sum();
        int throttledCores = (int) perCore.values().stream().filter(n -> n > 0).count();
        long packageEvents = packages.stream().mapToLong(p -> p.count() == null ? 0 : p.count()).sum();
        for (PackageCount p : packages) {
            if (p.maxTimeMs() != null) {
                longest = Math.max(longest == null ? 0 : longest, p.maxTimeMs());
            }
        }
        return new Summary(coreEvents, throttledCores, CpuList.format(throttled), max, maxCpu, packageEvents, longest);
    }

    private static Long get(ProbeContext ctx, String path) {
        return ctx.sys.readLong(path).orElse(null);
    }
}
