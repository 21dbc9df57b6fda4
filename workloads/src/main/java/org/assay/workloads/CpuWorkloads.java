package org.assay.workloads;

import java.util.List;

/** The CPU workloads (metrics {@code cpu.*}), in the order suites run them. */
final class CpuWorkloads {
    private CpuWorkloads() {
    }

    static List<Workload> all() {
        return List.of(new SieveWorkload());
    }
}
