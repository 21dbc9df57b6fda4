package org.assay.harness.plan;

import org.assay.results.InvocationId;
import org.assay.results.PlannedInvocation;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.Workload;

import java.util.List;
import java.util.Map;

/**
 * One planned invocation together with the workload and the JMH settings that will run it.
 *
 * @param step the ladder step it measures ({@code threads} workers, and whether that is one L3,
 *             one node, all cores…), for the plan printout
 */
public record PlanEntry(Workload workload, Map<String, Object> params, int threads, List<Integer> cpus,
                 MeasurementSettings settings, double estimatedSeconds, ScalingLadder.Step step) {

    public String invocationId() {
        return InvocationId.of(workload.id(), params, threads);
    }

    public PlannedInvocation toPlanned() {
        return new PlannedInvocation(invocationId(), workload.id(), workload.id(), params, threads, cpus,
                Math.round(estimatedSeconds * 10) / 10.0);
    }
}
