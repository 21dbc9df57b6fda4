package org.assay.analysis.compare;

import org.assay.results.InvocationResult;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a comparison matches across runs: the metric, its parameters (in name order) and the
 * thread count. Two results with equal ids measured the same thing, provided their definition
 * version agrees too (checked where they are compared).
 *
 * <p>{@link #ALL_WORKERS} (0) as the thread count means "each run's largest thread count": the
 * whole-machine figure, which is what a comparison of a 2-vCPU and an 8-vCPU instance (or of a run
 * restricted to one CPU and one on every CPU) must put side by side, since their thread ladders
 * share only the small steps.
 */
public record MetricId(String metric, String params, int threads) implements Comparable<MetricId> {

    /** The thread count of a whole-machine row: every worker each run had. */
    public static final int ALL_WORKERS = 0;

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

    /** {@code metric[params,threads=N]} ({@code threads=all} for a whole-machine row): how tables and JSON name it. */
    public String label() {
        return metric + "[" + (params.isEmpty() ? "" : params + ",") + "threads=" + threadsText() + "]";
    }

    /** The thread count as text: the number, or {@code all} for a whole-machine row. */
    public String threadsText() {
        return threads == ALL_WORKERS ? "all" : Integer.toString(threads);
    }

    /** The same metric and parameters at {@code n} threads. */
    public MetricId withThreads(int n) {
        return new MetricId(metric, params, n);
    }

    @Override
    public int compareTo(MetricId o) {
        int c = metric.compareTo(o.metric);
        if (c == 0) {
            c = natural(params, o.params);
        }
        return c != 0 ? c : Integer.compare(threads, o.threads);
    }

    /** Digits compared as numbers, so a sweep lists 16384 before 262144 (a plain string order would not). */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = i;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                int ej = j;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = new java.math.BigInteger(a.substring(i, ei)).compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        // "n=064" and "n=64" are equal as numbers but not as keys: keep the order consistent with equals
        return c != 0 ? c : a.compareTo(b);
    }
}
