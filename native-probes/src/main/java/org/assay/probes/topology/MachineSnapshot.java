package org.assay.probes.topology;

import org.assay.probes.internal.SysFiles;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machine's layout as one run sees it: topology and caches, the CPUs this process may use,
 * {@code /proc/meminfo}, the cgroup limits and the FMA widths the CPU executes. Read once, before any worker is pinned (afterwards
 * the JVM's view of the CPU count can follow the pinned mask), and passed to the planner, the
 * inventory, the pre-flight checks and the probes, so all of them describe the same machine.
 */
public record MachineSnapshot(Path root, CpuTopology topology, AllowedCpus allowed, MemInfo memInfo,
                              ContainerLimits limits, FmaWidths fmaWidths) {

    private static final AtomicInteger READS = new AtomicInteger();

    public static MachineSnapshot read(Path root) {
        READS.incrementAndGet();
        SysFiles fs = new SysFiles(root);
        Cgroups cg = new Cgroups(fs);
        return new MachineSnapshot(root, CpuTopology.read(root), AllowedCpus.read(fs, cg), MemInfo.read(fs),
                ContainerLimits.read(cg), FmaWidths.read(fs));
    }

    /** How many snapshots this process has read: a run reads one, and a test holds it to that. */
    public static int reads() {
        return READS.get();
    }

    /**
     * min(MemAvailable, cgroup memory.max): what a run may use without swapping or an OOM kill;
     * -1 when neither is known.
     */
    public long availableMemoryBytes() {
        Long available = memInfo.availableBytes();
        Long cgroupMax = limits.memoryMaxBytes();
        if (cgroupMax != null && (available == null || cgroupMax < available)) {
            return cgroupMax;
        }
        return available == null ? -1 : available;
    }
}
