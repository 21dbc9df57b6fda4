package org.assay.workloads;

import org.assay.probes.topology.CpuTopology;
import org.assay.probes.topology.FmaWidths;

import java.util.List;

/**
 * The machine facts a workload sizes itself by, taken from the run's one reading of the machine
 * (under {@code --root} when given), so no workload reads the machine again.
 *
 * @param lastLevelCacheBytes   total last-level cache the allowed CPUs can reach (all instances)
 * @param availableMemoryBytes  memory the run may use: min(MemAvailable, cgroup memory.max)
 * @param maxThreads            worker threads the placement allows (physical cores in the set)
 * @param topology              the CPU and NUMA layout; null when not known (sizes-only contexts)
 * @param usableCpus            the CPUs the run may place workers on (allowed, and within {@code --cpus});
 *                              empty when not known
 * @param fmaWidths             the FP64 FMA widths the CPU executes ({@code cpu.peak} plans those);
 *                              {@link FmaWidths#UNKNOWN} when not known
 */
public record SizingContext(long lastLevelCacheBytes, long availableMemoryBytes, int maxThreads,
                            CpuTopology topology, List<Integer> usableCpus, FmaWidths fmaWidths) {

    public SizingContext {
        usableCpus = List.copyOf(usableCpus);
        fmaWidths = fmaWidths == null ? FmaWidths.UNKNOWN : fmaWidths;
    }

    /** A layout without CPU flags: FMA widths unknown. */
    public SizingContext(long lastLevelCacheBytes, long availableMemoryBytes, int maxThreads,
                         CpuTopology topology, List<Integer> usableCpus) {
        this(lastLevelCacheBytes, availableMemoryBytes, maxThreads, topology, usableCpus, FmaWidths.UNKNOWN);
    }

    /** Sizes only, without a layout: layout-driven workloads plan their single-node default. */
    public SizingContext(long lastLevelCacheBytes, long availableMemoryBytes, int maxThreads) {
        this(lastLevelCacheBytes, availableMemoryBytes, maxThreads, null, List.of());
    }

    /** The same facts with the CPU's FMA widths. */
    public SizingContext withFmaWidths(FmaWidths widths) {
        return new SizingContext(lastLevelCacheBytes, availableMemoryBytes, maxThreads, topology, usableCpus, widths);
    }
}
