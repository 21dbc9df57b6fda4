package org.assay.workloads.memory;

import org.assay.workloads.DescribedWorkload;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.WorkerPlacement;
import org.assay.workloads.Workload;
import org.assay.workloads.kernel.StreamKernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory.bandwidth.{copy,scale,add,read,write}}: the STREAM-style kernels beside the
 * triad, sized by the same rule (each array >= 4x the LLC, {@link TriadWorkload#arrayElementsFor})
 * and spread like it. Standard (at 1 worker and all cores) and thorough (the full ladder) only:
 * the quick suite keeps the triad.
 */
final class StreamKernelWorkload extends DescribedWorkload {

    private final StreamKernel.Kind kind;

    StreamKernelWorkload(StreamKernel.Kind kind) {
        super("memory.bandwidth." + kind.metricName(), 1, "org.assay.workloads.jmh.StreamKernelBench.pass", "GB/s", true,
                "STREAM-style " + kind.metricName() + " on off-heap arrays >= 4x LLC, GB/s ("
                        + kind.bytesPerElement() + " bytes per element, STREAM byte counting)");
        this.kind = kind;
    }

    /** Each kind is its own metric (memory.bandwidth.copy, ...): select it with --only, not --param. */
    @Override public java.util.Set<String> derivedParams() { return java.util.Set.of("kind"); }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        return suite == Suite.quick ? List.of() : List.of(params(TriadWorkload.arrayElementsFor(sizing)));
    }

    /** Sized like the triad, from the L3s of the invocation's own CPUs. */
    @Override
    public Map<String, Object> sizedForWorkers(Map<String, Object> suiteParams, List<Integer> cpus, SizingContext sizing) {
        java.util.OptionalLong llc = TriadWorkload.lastLevelCacheOf(cpus, sizing);
        return llc.isPresent() ? params(TriadWorkload.arrayElementsFor(llc.getAsLong())) : suiteParams;
    }

    /**
     * 1 worker and all cores in the standard suite (the triad carries the scaling curve there);
     * the full ladder in thorough.
     */
    @Override
    public List<ScalingLadder.Step> threadSteps(Suite suite, SizingContext sizing, Map<String, Object> params) {
        return suite == Suite.thorough ? ScalingLadder.full(sizing) : ScalingLadder.ends(sizing);
    }

    @Override
    public List<Integer> threadCounts(Suite suite, SizingContext sizing) {
        return ScalingLadder.counts(threadSteps(suite, sizing, Map.of()));
    }

    /** As the triad's: the standard suite's iterations at 500 ms. */
    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return TriadWorkload.bandwidthSettings(base);
    }

    /** Bandwidth: workers spread over sockets, nodes and LLC domains, as STREAM's OMP_PROC_BIND=spread. */
    @Override
    public WorkerPlacement workerPlacement() {
        return WorkerPlacement.SPREAD;
    }

    private Map<String, Object> params(long arrayElements) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", kind.metricName());
        p.put("arrayElements", arrayElements);
        return p;
    }

    @Override public Map<String, Object> testParams() { return params(1L << 16); }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        new TriadWorkload().validate(params, threads, sizing); // same arrays, same limits
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        long share = Workload.longParam(params, "arrayElements") / threads;
        return (double) kind.bytesPerElement() * share / 1e9;
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        return new TriadWorkload().setupSeconds(params, threads);
    }
}
