package org.assay.analysis.judging;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.assay.profiles.MetricKey;
import org.assay.results.InvocationResult;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured value a profile can judge: the result's key (its metric, parameters and thread
 * count), the score and the half-width of its 99.9% interval, with what that interval rests on:
 * the degrees of freedom of its t quantile and the count that narrows it ({@code n} forks for
 * {@code fork-means}, iterations otherwise), so a verdict can say how many more would decide it.
 *
 * @param halfWidth null when the result has no interval
 */
public record Measurement(MetricKey key, String invocationId, String unit, boolean higherIsBetter, double value,
                          Double halfWidth, int degreesOfFreedom, int n, String nUnit) {

    /** The confidence of every interval in a bundle. */
    public static final double CONFIDENCE = 0.999;

    /** The key a result is judged under: its parameters plus {@code threads}. */
    public static MetricKey keyOf(InvocationResult r) {
        Map<String, Object> params = new TreeMap<>(r.params());
        params.put("threads", r.threads());
        return MetricKey.of(r.metric(), params);
    }

    /** The measurement of an ok result with a score. */
    static Measurement of(InvocationResult r) {
        // Double.valueOf: a bare double in one arm would unbox scoreError() and throw on a result
        // without an interval (a derived cache level has neither ci nor scoreError)
        Double half = r.ci() != null ? Double.valueOf((r.ci().get(1) - r.ci().get(0)) / 2) : r.scoreError();
        Map<String, Object> interval = r.interval();
        String method = interval == null ? null : String.valueOf(interval.get("method"));
        int samples = r.samples().size();
        int n;
        String nUnit;
        int df;
        if ("fork-means".equals(method)) {
            n = intOr(interval.get("forks"), 2);
            nUnit = "forks";
            df = intOr(interval.get("degreesOfFreedom"), n - 1);
        } else {
            n = Math.max(samples, 1);
            nUnit = "iterations";
            df = interval == null ? n - 1 : intOr(interval.get("degreesOfFreedom"), n - 1);
        }
        return new Measurement(keyOf(r), r.invocationId(), r.unit(), r.higherIsBetter(), r.score(), half, df, n, nUnit);
    }

    private static int intOr(Object o, int fallback) {
        return o instanceof Number num ? num.intValue() : fallback;
    }

    /** Low and high end of the interval; the value twice when there is none. */
    public List<Double> interval() {
        double h = halfWidth == null ? 0 : halfWidth;
        return List.of(value - h, value + h);
    }

    /**
     * The standard error of the value: the half-width over the 99.9% quantile it was made with
     * (Student's t at the result's degrees of freedom; the normal one when it gives none).
     */
    public Double standardError() {
        if (halfWidth == null) {
            return null;
        }
        return halfWidth / quantile(degreesOfFreedom);
    }

    /** The two-sided 99.9% quantile of Student's t with {@code df} degrees of freedom (normal when df < 1). */
    static double quantile(int df) {
        double p = 1 - (1 - CONFIDENCE) / 2;
        return df >= 1 ? new TDistribution(null, df).inverseCumulativeProbability(p)
                : new NormalDistribution(null, 0, 1).inverseCumulativeProbability(p);
    }
}
