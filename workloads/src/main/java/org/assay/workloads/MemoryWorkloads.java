package org.assay.workloads;

import java.util.List;

/** The memory-hierarchy workloads (metrics {@code memory.*}), in the order suites run them. */
final class MemoryWorkloads {
    private MemoryWorkloads() {
    }

    static List<Workload> all() {
        return List.of(new TriadWorkload(), new ChaseWorkload());
    }
}
