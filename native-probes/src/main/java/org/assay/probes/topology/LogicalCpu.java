package org.assay.probes.topology;

import java.util.List;

/**
 * One logical CPU as the kernel numbers it.
 *
 * @param id        the OS CPU number (cpuN)
 * @param packageId {@code physical_package_id}; -1 when the kernel does not know it (as sysfs says)
 * @param coreId    {@code core_id}, unique only within a package and possibly sparse; -1 when unknown
 * @param numaNode  the NUMA node whose {@code cpulist} holds this CPU; -1 when no node lists it
 * @param siblings  the SMT siblings sharing this CPU's core, itself included ({@code core_cpus_list})
 */
public record LogicalCpu(int id, int packageId, int coreId, int numaNode, List<Integer> siblings) {
    public LogicalCpu {
        siblings = List.copyOf(siblings);
    }
}
