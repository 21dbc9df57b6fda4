package org.assay.results;

import java.util.List;
import java.util.Map;

/**
 * One entry of the plan recorded in {@code run.json} before anything runs, so a partial bundle
 * still shows what was meant to be measured. {@code cpus} are the planned CPUs, one per worker.
 */
public record PlannedInvocation(String invocationId, String workload, String metric, Map<String, Object> params,
                                int threads, List<Integer> cpus, double estimatedSeconds) {

    public PlannedInvocation {
        params = Unmodifiable.map(params);
        cpus = Unmodifiable.list(cpus);
    }
}
