package org.assay.probes.topology;

import java.util.List;

/**
 * One kind of cache as sysfs describes it, summed over the machine.
 *
 * @param level          1, 2, 3 (or 4), from {@code level}; never inferred from the index number
 * @param type           {@code Data}, {@code Instruction} or {@code Unified}
 * @param sizeBytes      the size of <em>one instance</em>
 * @param lineSize       {@code coherency_line_size} in bytes; -1 when absent
 * @param ways           {@code ways_of_associativity}; -1 when absent (0 in sysfs means fully associative)
 * @param instances      how many separate caches of this kind exist
 * @param sharedCpuSets  for each instance, the CPUs that share it
 */
public record CacheLevel(int level, String type, long sizeBytes, int lineSize, int ways, int instances,
                         List<List<Integer>> sharedCpuSets) {
    public CacheLevel {
        sharedCpuSets = sharedCpuSets.stream().map(List::copyOf).toList();
    }

    /** A short label: "L1d", "L1i", "L2", "L3". */
    public String label() {
        String suffix = switch (type) {
            case "Data" -> "d";
            case "Instruction" -> "i";
            default -> "";
        };
        return "L" + level + suffix;
    }

    /** All instances together. */
    public long totalBytes() {
        return sizeBytes * instances;
    }
}
