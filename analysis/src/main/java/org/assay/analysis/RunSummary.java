package org.assay.analysis;

import org.assay.results.InvocationResult;
import org.assay.results.Status;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-run table: one row per invocation with its score, the half-width of the 99.9%
 * interval, and for multi-threaded runs of throughput metrics the per-thread score and the
 * parallel efficiency against the 1-thread score of the same metric and parameters
 * (aggregate(N) / (N x aggregate(1))). Efficiency is left empty (NaN) when there is no 1-thread
 * result to compare with, rather than assuming one. {@code intervalMethod} says how the interval
 * was computed ({@code fork-means}, {@code within-fork}; empty when the result does not say).
 */
public final class RunSummary {

    private RunSummary() {
    }

    public static Table of(List<InvocationResult> results) {
        StringColumn metric = StringColumn.create("metric");
        StringColumn params = StringColumn.create("params");
        IntColumn threads = IntColumn.create("threads");
        DoubleColumn score = DoubleColumn.create("score");
        DoubleColumn error = DoubleColumn.create("error");
        StringColumn unit = StringColumn.create("unit");
        DoubleColumn perThread = DoubleColumn.create("perThread");
        DoubleColumn efficiency = DoubleColumn.create("efficiency");
        StringColumn cpus = StringColumn.create("cpus");
        StringColumn status = StringColumn.create("status");
        StringColumn intervalMethod = StringColumn.create("intervalMethod");

        Map<String, Double> singleThread = new HashMap<>();
        for (InvocationResult r : results) {
            if (r.status() == Status.ok && r.threads() == 1 && r.score() != null) {
                singleThread.put(key(r), r.score());
            }
        }
        for (InvocationResult r : results) {
            metric.append(r.metric());
            params.append(formatParams(r.params()));
            threads.append(r.threads());
            score.append(orNaN(r.score()));
            error.append(orNaN(r.scoreError()));
            unit.append(r.unit());
            boolean scalable = r.status() == Status.ok && r.higherIsBetter() && r.score() != null;
            perThread.append(scalable ? r.score() / r.threads() : Double.NaN);
            Double one = singleThread.get(key(r));
            efficiency.append(scalable && one != null && one > 0 ? r.score() / (r.threads() * one) : Double.NaN);
            cpus.append(r.cpus() == null ? "" : r.cpus().toString());
            status.append(r.status() == Status.ok ? "ok" : r.status() + ": " + r.reason());
            Object method = r.interval() == null ? null : r.interval().get("method");
            intervalMethod.append(method == null ? "" : method.toString());
        }
        return Table.create("summary", metric, params, threads, score, error, unit, perThread, efficiency, cpus, status,
                intervalMethod);
    }

    private static String key(InvocationResult r) {
        return r.metric() + "|" + formatParams(r.params());
    }

    static String formatParams(Map<String, Object> params) {
        if (params == null || params.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> b.append(b.length() > 0 ? " " : "").append(k).append('=').append(v));
        return b.toString();
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }
}
