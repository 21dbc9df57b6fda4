package org.assay.workloads.memory;

import org.assay.workloads.Workload;
import org.assay.workloads.kernel.StreamKernel;

import java.util.ArrayList;
import java.util.List;

/** The memory-hierarchy workloads (metrics {@code memory.*}), in the order suites run them. */
public final class MemoryWorkloads {
    private MemoryWorkloads() {
    }

    public static List<Workload> all() {
        List<Workload> all = new ArrayList<>();
        all.add(new TriadWorkload());
        for (StreamKernel.Kind k : StreamKernel.Kind.values()) {
            all.add(new StreamKernelWorkload(k));
        }
        all.add(new ChaseWorkload());
        all.add(new LoadedLatencyWorkload());
        all.add(PressureWorkload.firstTouch());
        all.add(PressureWorkload.random());
        all.add(new NumaWorkload(true));
        all.add(new NumaWorkload(false));
        return List.copyOf(all);
    }
}
