package org.assay.harness.burnin;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;

/**
 * The stability maths of one throughput series (one value per interval): the drop from the first
 * to the last quarter with its confidence interval, and the coefficient of variation. Welch's t
 * interval for the difference of the two quarter means (unequal variances, Welch-Satterthwaite
 * degrees of freedom), divided by the first quarter's mean, gives the relative drop's interval:
 * it is what tells a real slow-down from a noisy host. The intervals of the warm-up are left out
 * ({@link #warmupIntervals}: JIT compilation of the kernels, first-touch page faults, file
 * creation), so that a machine getting up to speed does not read as one getting faster.
 *
 * @param intervals  intervals used (after warm-up)
 * @param firstMean  mean of the first quarter
 * @param lastMean   mean of the last quarter
 * @param drop       (firstMean - lastMean) / firstMean: positive when it got slower
 * @param dropLow    low end of the drop's interval at {@link #CONFIDENCE}
 * @param dropHigh   high end
 * @param cv         standard deviation / mean of all intervals used
 */
public record TrendTest(int intervals, double firstMean, double lastMean, double drop, double dropLow, double dropHigh,
                        double cv) {

    /** Two-sided confidence of the drop's interval. */
    public static final double CONFIDENCE = 0.99;
    /** Fewer intervals than this give no trend: each quarter needs at least two. */
    public static final int MIN_INTERVALS = 8;

    /** Seconds of warm-up at most: the JIT has compiled the kernels well before. */
    public static final double WARMUP_SECONDS = 10;
    /** Share of a phase that is warm-up at most, so that a short phase keeps most of its intervals. */
    public static final double WARMUP_SHARE = 0.2;

    /**
     * Intervals of {@code intervalSeconds} left out at the start of a series of {@code n}: those
     * within the first {@value #WARMUP_SECONDS} s or {@value #WARMUP_SHARE} of the phase,
     * whichever is shorter, and at least the first.
     */
    public static int warmupIntervals(int n, double intervalSeconds) {
        double seconds = Math.min(WARMUP_SECONDS, WARMUP_SHARE * n * intervalSeconds);
        return (int) Math.max(1, Math.ceil(seconds / intervalSeconds - 1e-9));
    }

    /** The trend of {@code series} after {@code warmup} intervals, or null when too few remain ({@link #MIN_INTERVALS}). */
    public static TrendTest of(double[] series, int warmup) {
        double[] s = Arrays.stream(series).filter(Double::isFinite).toArray();
        s = Arrays.copyOfRange(s, Math.min(warmup, s.length), s.length);
        if (s.length < MIN_INTERVALS) {
            return null;
        }
        int q = s.length / 4;
        double[] first = Arrays.copyOfRange(s, 0, q);
        double[] last = Arrays.copyOfRange(s, s.length - q, s.length);
        double m1 = mean(first);
        double m4 = mean(last);
        double v1 = variance(first, m1) / q;
        double v4 = variance(last, m4) / q;
        double se = Math.sqrt(v1 + v4);
        double half;
        if (se == 0) {
            half = 0;
        } else {
            // Welch-Satterthwaite; at least 1 degree of freedom
            double df = Math.max(1, (v1 + v4) * (v1 + v4) / (v1 * v1 / (q - 1) + v4 * v4 / (q - 1)));
            half = new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2) * se;
        }
        double drop = m1 > 0 ? (m1 - m4) / m1 : Double.NaN;
        double halfRel = m1 > 0 ? half / m1 : Double.NaN;
        double all = mean(s);
        double cv = all > 0 ? Math.sqrt(variance(s, all)) / all : Double.NaN;
        return new TrendTest(s.length, m1, m4, drop, drop - halfRel, drop + halfRel, cv);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance (n - 1). */
    static double variance(double[] x, double mean) {
        if (x.length < 2) {
            return 0;
        }
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
