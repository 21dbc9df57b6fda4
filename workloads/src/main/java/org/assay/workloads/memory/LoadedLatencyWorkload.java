package org.assay.workloads.memory;

import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.SizingContext;
import org.assay.workloads.Suite;
import org.assay.workloads.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memory.latency.loaded}: DRAM chase latency (ns per load) while every other allowed CPU
 * reads memory at 0, 25, 50, 75 and 100% duty; one result per intensity (params
 * {@code intensityPercent}, {@code workingSetBytes}) with the load actually generated in
 * {@code secondary.loadGBps}: latency against bandwidth, MLC's loaded-latency curve. One fork,
 * the intensities in rotation (a sweep). Standard and thorough suites.
 */
final class LoadedLatencyWorkload extends OneThreadWorkload {

    private static final List<Integer> INTENSITIES = List.of(0, 25, 50, 75, 100);

    LoadedLatencyWorkload() {
        super("memory.latency.loaded", 1, "org.assay.workloads.jmh.LoadedChaseBench.chase", "ns", false,
                "chase latency at DRAM size while the other CPUs read memory at 0-100% duty, ns per load (+ load GB/s)");
    }

    @Override
    public List<Map<String, Object>> paramSets(Suite suite, SizingContext sizing) {
        if (suite == Suite.quick) {
            return List.of();
        }
        return List.of(params(ChaseWorkload.largestSet(Suite.standard, sizing), INTENSITIES));
    }

    private static Map<String, Object> params(long bytes, List<Integer> intensities) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("workingSetBytes", bytes);
        StringBuilder b = new StringBuilder();
        intensities.forEach(i -> b.append(b.length() > 0 ? "," : "").append(i));
        p.put("intensities", b.toString());
        return p;
    }

    @Override public Map<String, Object> testParams() { return params(1L << 20, List.of(0, 100)); }

    static List<Integer> intensities(Map<String, Object> params) {
        List<Integer> out = new ArrayList<>();
        for (String s : String.valueOf(params.get("intensities")).split(",")) {
            try {
                out.add(Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("intensities must be percentages separated by commas, got '"
                        + params.get("intensities") + "'");
            }
        }
        return out;
    }

    @Override
    public List<Map<String, Object>> sweepPoints(Map<String, Object> params) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i : intensities(params)) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("workingSetBytes", Workload.longParam(params, "workingSetBytes"));
            p.put("intensityPercent", i);
            points.add(p);
        }
        return points;
    }

    @Override
    public MeasurementSettings settings(MeasurementSettings base, Map<String, Object> params) {
        return base.sweep(intensities(params).size(), 4, 4);
    }

    @Override
    public void validate(Map<String, Object> params, int threads, SizingContext sizing) {
        requireOneThread(threads, "the loaded chase runs one measured thread (the load uses the other CPUs)");
        for (int i : intensities(params)) {
            if (i < 0 || i > 100) {
                throw new IllegalArgumentException("intensities must be between 0 and 100 percent, got " + i);
            }
        }
        long bytes = Workload.longParam(params, "workingSetBytes");
        if (bytes < 128 || bytes % 64 != 0 || bytes > ChaseWorkload.MAX_WORKING_SET) {
            throw new IllegalArgumentException("workingSetBytes must be a multiple of 64 from 128 bytes to 1 GiB, got " + bytes);
        }
        long need = bytes * Math.max(1, sizing.maxThreads());
        if (sizing.availableMemoryBytes() > 0 && need > sizing.availableMemoryBytes() / 2) {
            throw new IllegalArgumentException("the loaded chase needs " + (need >> 20) + " MiB but only "
                    + (sizing.availableMemoryBytes() >> 20) + " MiB are available");
        }
    }

    @Override
    public double scorePerOp(Map<String, Object> params, int threads) {
        return 1.0; // @OperationsPerInvocation(LOADS): ns per load
    }

    @Override
    public double setupSeconds(Map<String, Object> params, int threads) {
        return 0.5 + 4 * Workload.longParam(params, "workingSetBytes") / 1e9;
    }
}
