package org.assay.workloads;

/**
 * The machine facts a workload sizes itself by.
 *
 * @param lastLevelCacheBytes   total last-level cache the allowed CPUs can reach (all instances)
 * @param availableMemoryBytes  memory the run may use: min(MemAvailable, cgroup memory.max)
 * @param maxThreads            worker threads the placement allows (physical cores in the set)
 */
public record SizingContext(long lastLevelCacheBytes, long availableMemoryBytes, int maxThreads) {
}
