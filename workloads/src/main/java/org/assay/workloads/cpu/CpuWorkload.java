package org.assay.workloads.cpu;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every {@code cpu.*} workload shares: higher is better, the headline size scales from 1
 * thread over the suite's ladder ({@link CpuWorkloads#scalingSteps}) and the other sizes run at
 * 1 and all cores ({@link #threadSteps}), and quick runs use the CPU
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

    /** The scaling ladder of the kernel's headline size. */
    @Override
    public final List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        return CpuWorkloads.scalingThreadCounts(suite, sizing);
    }

    /**
     * The suite's ladder for the headline size (and for any size given with {@code --param});
     * the suite's other sizes at 1 worker (and all cores in thorough). A size sweep asks how one core and the
     * whole machine fare as the data leaves each cache level; the curve between them is the
     * same kernel's and is measured once, at the headline size.
     */
    @Override
    public List<ScalingLadder.Step> threadSteps(Suite suite, SizingContext sizing, Map<String, Object> params) {
        boolean otherSize = !isHeadline(params, sizing) && paramSets(suite, sizing).contains(params);
        if (!otherSize) {
            return CpuWorkloads.scalingSteps(suite, sizing);
        }
        // standard: the other sizes at one worker (how the kernel fares as its data leaves each
        // cache); thorough adds all cores
        List<ScalingLadder.Step> ends = ScalingLadder.ends(sizing);
        return suite == Suite.thorough ? ends : ends.subList(0, 1);
    }

    /** True for the kernel's headline size: the one the quick suite measures (e.g. n = 1024 for DGEMM). */
    abstract boolean isHeadline(Map<String, Object> params, SizingContext sizing);

    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return CpuWorkloads.settings(base);
    }
}
