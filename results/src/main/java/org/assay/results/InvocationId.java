package org.assay.results;

import java.util.Map;

/**
 * The id of one invocation, {@code metric[param=v,...,threads=N]}: the same text in the plan, in
 * {@code results.jsonl}, in {@code probes.csv} marks and for the points a sweep is split into.
 */
public final class InvocationId {
    private InvocationId() {
    }

    /** Parameters in the map's order, then the thread count, e.g. {@code memory.bandwidth.triad[threads=2]}. */
    public static String of(String metric, Map<String, Object> params, int threads) {
        StringBuilder id = new StringBuilder(metric).append('[');
        params.forEach((k, v) -> id.append(k).append('=').append(v).append(','));
        return id.append("threads=").append(threads).append(']').toString();
    }
}
