package org.assay.analysis.compare;

import org.assay.results.InvocationResult;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a comparison matches across runs: the metric, its parameters (in name order) and the
 * thread count. Two results with equal ids measured the same thing, provided their definition
 * version agrees too (checked where they are compared).
 */
public record MetricId(String metric, String params, int threads) implements Comparable<MetricId> {

    public static MetricId of(InvocationResult r) {
        Map<String, Object> sorted = new TreeMap<>(r.params());
        String p = sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return new MetricId(r.metric(), p, r.threads());
    }

    /** The family: the part of the metric before its first dot ({@code cpu}, {@code memory}, ...). */
    public String category() {
        int dot = metric.indexOf('.');
        return dot < 0 ? metric : metric.substring(0, dot);
    }

    /** {@code metric[params,threads=N]}: how tables and JSON name it. */
    public String label() {
        return metric + "[" + (params.isEmpty() ? "" : params + ",") + "threads=" + threads + "]";
    }

    @Override
    public int compareTo(MetricId o) {
        int c = metric.compareTo(o.metric);
        if (c == 0) {
            c = params.compareTo(o.params);
        }
        return c != 0 ? c : Integer.compare(threads, o.threads);
    }
}
