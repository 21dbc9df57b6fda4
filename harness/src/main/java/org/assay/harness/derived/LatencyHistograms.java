package org.assay.harness.derived;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.assay.results.SecondaryMetric;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latency percentiles of an invocation from its HdrHistogram log (values in ns, one interval
 * per measurement iteration of every fork): all intervals merged into one histogram, so p99.9 is
 * the 99.9th percentile of every round trip measured, not an average of per-iteration
 * percentiles. Secondary results {@code latency.p50}, {@code .p90}, {@code .p99}, {@code .p99.9},
 * {@code .max} and {@code .mean} in us, and {@code latency.count} (round trips).
 */
public final class LatencyHistograms {

    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private LatencyHistograms() {
    }

    /** @param log the log's bytes as the fork wrote them; no intervals gives no results */
    public static Map<String, SecondaryMetric> percentiles(byte[] log) {
        Histogram all = merged(log);
        if (all.getTotalCount() == 0) {
            return new LinkedHashMap<>();
        }
        return summary(all, "latency.", PERCENTILES, "us", "round trips");
    }

    /**
     * {@code prefix}p50 … (each of {@code percentiles}), {@code max} and {@code mean} in µs
     * (labelled {@code microUnit}), and {@code count} in {@code countUnit}, of a histogram of
     * nanoseconds: the one way every latency histogram (socket round trips, storage I/Os) becomes
     * secondary results.
     */
    public static Map<String, SecondaryMetric> summary(Histogram ns, String prefix, double[] percentiles,
                                                       String microUnit, String countUnit) {
        Map<String, SecondaryMetric> out = new LinkedHashMap<>();
        for (double p : percentiles) {
            String name = prefix + "p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p));
            out.put(name, new SecondaryMetric(ns.getValueAtPercentile(p) / 1e3, microUnit));
        }
        out.put(prefix + "max", new SecondaryMetric(ns.getMaxValue() / 1e3, microUnit));
        out.put(prefix + "mean", new SecondaryMetric(ns.getMean() / 1e3, microUnit));
        out.put(prefix + "count", new SecondaryMetric((double) ns.getTotalCount(), countUnit));
        return out;
    }

    static Histogram merged(byte[] log) {
        Histogram all = new Histogram(3);
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log));
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            if (h instanceof Histogram interval) {
                all.add(interval);
            }
        }
        return all;
    }
}
