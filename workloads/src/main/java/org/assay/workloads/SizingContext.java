package org.assay.workloads;

import org.assay.probes.topology.CpuTopology;

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
 */
public record SizingContext(long lastLevelCacheBytes, long availableMemoryBytes, int maxThreads,
                            CpuTopology topology, List<Integer> usableCpus) {

    public SizingContext {
        usableCpus = List.copyOf(usableCpus);
    }

    /** Sizes only, without a layout: layout-driven workloads plan their single-node default. */
    public SizingContext(long lastLevelCacheBytes, long availableMemoryBytes, int maxThreads) {
        this(lastLevelCacheBytes, availableMemoryBytes, maxThreads, null, List.of());
    }
}
