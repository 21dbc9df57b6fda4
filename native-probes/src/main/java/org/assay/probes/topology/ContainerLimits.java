package org.assay.probes.topology;

import org.assay.probes.internal.SysFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The limits the process's cgroup puts on it: a CPU quota, a cpuset and a memory limit.
 * Each limit is the tightest one found in the process's group and its ancestors, since limits
 * are hierarchical. A null limit means "none set" and {@code notes} says so or says why it could
 * not be read.
 *
 * @param cgroupVersion     "v2", "v1", "hybrid" or "none"
 * @param cgroupPath        the process's cgroup path (v2, else the v1 cpu controller's)
 * @param cpuMax            the raw quota that binds, e.g. "50000 100000" ({@code cpu.max}, or
 *                          v1 {@code cfs_quota_us cfs_period_us}); null when there is none
 * @param cpuQuotaCpus      quota ÷ period, in CPUs (0.5 = half a CPU); null when no quota is set
 * @param cpuMaxSource      the file that set {@code cpuMax}
 * @param cpusetEffective   the nearest {@code cpuset.cpus.effective} up the tree, in list syntax; null when the cpuset
 *                          controller is not enabled for the group
 * @param memoryMaxBytes    {@code memory.max} (v1 {@code memory.limit_in_bytes}); null when unlimited
 * @param notes             reasons for the nulls and where each value came from
 */
public record ContainerLimits(String cgroupVersion, String cgroupPath, String cpuMax, Double cpuQuotaCpus,
                              String cpuMaxSource, String cpusetEffective, Long memoryMaxBytes,
                              List<String> notes) {

    /** v1 writes PAGE_COUNTER_MAX × page size (9223372036854771712 here) for "no limit". */
    private static final long V1_UNLIMITED = 1L << 62;

    public ContainerLimits {
        notes = List.copyOf(notes);
    }

    public static ContainerLimits read(Path root) {
        return read(new Cgroups(new SysFiles(root)));
    }

    /**
     * The memory the process's cgroup uses now ({@code memory.current}, v2 only): what a limit's
     * room is measured from. Empty on v1, without a cgroup, or when unreadable.
     */
    public Optional<Long> memoryCurrentBytes(Path root) {
        if (!"v2".equals(cgroupVersion) || cgroupPath == null) {
            return Optional.empty();
        }
        String dir = cgroupPath.equals("/") ? "" : cgroupPath;
        return new SysFiles(root).readLong("/sys/fs/cgroup" + dir + "/memory.current");
    }

    /** The CPU quota of a {@code cpu.max} line in CPUs, or empty for "max" (no quota) or bad text. */
    static Optional<Double> parseCpuMax(String cpuMax) {
        String[] f = cpuMax.strip().split("\\s+");
        if (f.length < 1 || f[0].equals("max")) {
            return Optional.empty();
        }
        Optional<Long> quota = SysFiles.parseLong(f[0]);
        Optional<Long> period = f.length > 1 ? SysFiles.parseLong(f[1]) : Optional.of(100_000L);
        if (quota.isEmpty() || period.isEmpty() || quota.get() <= 0 || period.get() <= 0) {
            return Optional.empty();
        }
        return Optional.of((double) quota.get() / period.get());
    }

    public static ContainerLimits read(Cgroups cg) {
        List<String> notes = new ArrayList<>();
        String version = cg.version();
        String path = cg.v2Path().or(() -> cg.v1Path("cpu")).orElse(null);

        String cpuMax = null;
        Double quota = null;
        String cpuSource = null;
        for (Cgroups.Found f : cg.v2UpTheTree("cpu.max")) {
            Optional<Double> q = parseCpuMax(f.value());
            if (q.isPresent() && (quota == null || q.get() < quota)) {
                quota = q.get();
                cpuMax = f.value();
                cpuSource = f.kernelPath();
            }
        }
        if (cg.v1Dir("cpu").isPresent()) {
            for (Cgroups.Found f : cg.v1UpTheTree("cpu", "cpu.cfs_quota_us")) {
                long q = SysFiles.parseLong(f.value()).orElse(-1L);
                String periodFile = f.kernelPath().replace("cpu.cfs_quota_us", "cpu.cfs_period_us");
                long period = new SysFiles(cg.root()).readLong(periodFile).orElse(100_000L);
                if (q > 0 && period > 0 && (quota == null || (double) q / period < quota)) {
                    quota = (double) q / period;
                    cpuMax = q + " " + period;
                    cpuSource = f.kernelPath();
                }
            }
        }
        if (quota == null) {
            notes.add(version.equals("none") ? "no cgroup found: no CPU quota known"
                    : "no CPU quota set (cpu.max is \"max\" or absent up the tree)");
        }

        List<Cgroups.Found> cpusets = cg.v2UpTheTree("cpuset.cpus.effective");
        if (cpusets.stream().allMatch(f -> f.value().isEmpty())) {
            cpusets = cg.v1UpTheTree("cpuset", "cpuset.effective_cpus");
        }
        String cpuset = cpusets.stream().map(Cgroups.Found::value).filter(v -> !v.isEmpty()).findFirst().orElse(null);
        if (cpuset == null) {
            notes.add("cpuset.cpus.effective absent: the cpuset controller is not enabled for this group "
                    + "(the affinity mask still applies)");
        }

        Long memMax = null;
        for (Cgroups.Found f : cg.v2UpTheTree("memory.max")) {
            Optional<Long> v = SysFiles.parseLong(f.value());   // "max" parses to empty: no limit
            if (v.isPresent() && (memMax == null || v.get() < memMax)) {
                memMax = v.get();
                notes.add("memory.max from " + f.kernelPath());
            }
        }
        for (Cgroups.Found f : cg.v1UpTheTree("memory", "memory.limit_in_bytes")) {
            Optional<Long> v = SysFiles.parseLong(f.value()).filter(x -> x > 0 && x < V1_UNLIMITED);
            if (v.isPresent() && (memMax == null || v.get() < memMax)) {
                memMax = v.get();
                notes.add("memory limit from " + f.kernelPath());
            }
        }
        if (memMax == null) {
            notes.add("no memory limit set (memory.max is \"max\" or absent up the tree)");
        }
        return new ContainerLimits(version, path, cpuMax, quota, cpuSource, cpuset, memMax, notes);
    }
}
