package org.assay.workloads.cpu;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every {@code cpu.*} workload shares: higher is better, every kernel scales from 1 thread
 * to one worker per core ({@link CpuWorkloads#scalingThreadCounts}), and quick runs use the CPU
 * settings whose warm-up leaves C2 time to compile the Vector API kernels
 * ({@link CpuWorkloads#settings}), unless a kernel with nothing to settle shortens them
 * ({@code cpu.peak}).
 */
abstract class CpuWorkload extends DescribedWorkload {

    CpuWorkload(String id, int definitionVersion, String benchmark, String unit, String summary) {
        super(id, definitionVersion, benchmark, unit, true, summary);
    }

    /** The parameters of a kernel sized by one number, its order {@code n} (matrix order, transform length). */
    static Map<String, Object> orderParams(int n) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", n);
        return p;
    }

    @Override
    public final List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        return CpuWorkloads.scalingThreadCounts(suite, sizing);
    }

    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return CpuWorkloads.settings(base);
    }
}
