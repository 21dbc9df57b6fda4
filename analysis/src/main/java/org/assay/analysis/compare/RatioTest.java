package org.assay.analysis.compare;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The ratio of two independent means with Fieller's confidence interval, and Welch's t-test of
 * "the means are equal". Both use only each side's mean, the variance of that mean and its degrees
 * of freedom, so one run's iterations and a machine class's run scores go through the same code.
 *
 * <p>Fieller's interval is exact for the ratio of two normal means (no delta-method
 * linearisation), stays asymmetric where the ratio is, and is deterministic, which a bootstrap of
 * five to ten iterations is not (and a percentile bootstrap of so few values covers far less than
 * its nominal level). The degrees of freedom are Welch–Satterthwaite's for the linear combination
 * {@code x - R y} that Fieller's construction tests.
 */
public final class RatioTest {

    private RatioTest() {
    }

    /**
     * @param ratio  {@code x.mean / y.mean}
     * @param low    lower end of the interval of the ratio; NaN when it is unbounded (the
     *               baseline's mean is not distinguishable from zero) or cannot be computed
     * @param high   upper end, likewise
     * @param pValue two-sided p-value of Welch's test of equal means
     */
    public record Result(double ratio, double low, double high, double pValue) {
    }

    /** Compares {@code x} (a candidate) with {@code y} (the baseline) at confidence {@code level}. */
    public static Result compare(Estimate x, Estimate y, double level) {
        double ratio = x.mean() / y.mean();
        double vx = spread(x);
        double vy = spread(y);
        if (!Double.isFinite(vx) || !Double.isFinite(vy)) {
            return new Result(ratio, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Result(ratio, fieller(x, y, ratio, vx, vy, level, true), fieller(x, y, ratio, vx, vy, level, false),
                welchP(x, y, vx, vy));
    }

    /** A side with one value has no spread of its own: zero if the other side has one, else unknown. */
    private static double spread(Estimate e) {
        return e.hasSpread() ? e.varianceOfMean() : (e.n() == 1 ? 0.0 : Double.NaN);
    }

    static double welchP(Estimate x, Estimate y, double vx, double vy) {
        double v = vx + vy;
        double diff = x.mean() - y.mean();
        if (v == 0) {
            return diff == 0 ? 1.0 : 0.0;
        }
        if (!x.hasSpread() && !y.hasSpread()) {
            return Double.NaN;
        }
        double df = satterthwaite(vx, x.degreesOfFreedom(), vy, y.degreesOfFreedom());
        double t = Math.abs(diff) / Math.sqrt(v);
        return 2 * studentCdf(-t, df);
    }

    private static double fieller(Estimate x, Estimate y, double ratio, double vx, double vy, double level,
                                  boolean lowEnd) {
        double rvy = ratio * ratio * vy;
        if (vx + rvy == 0) {
            return ratio;
        }
        double df = satterthwaite(vx, x.degreesOfFreedom(), rvy, y.degreesOfFreedom());
        double t = studentQuantile(0.5 + level / 2, df);
        double my = y.mean();
        double g = t * t * vy / (my * my);
        if (g >= 1) {
            return Double.NaN;
        }
        double half = t / Math.abs(my) * Math.sqrt(vx * (1 - g) + rvy);
        double centre = ratio;
        return lowEnd ? (centre - half) / (1 - g) : (centre + half) / (1 - g);
    }

    // Beyond a million degrees of freedom Student's t is the normal distribution to many digits;
    // commons-math refuses an infinite df.
    static double studentCdf(double t, double df) {
        return df > 1e6 ? new NormalDistribution(null, 0, 1).cumulativeProbability(t)
                : new TDistribution(null, df).cumulativeProbability(t);
    }

    static double studentQuantile(double p, double df) {
        return df > 1e6 ? new NormalDistribution(null, 0, 1).inverseCumulativeProbability(p)
                : new TDistribution(null, df).inverseCumulativeProbability(p);
    }

    /** Welch–Satterthwaite degrees of freedom of a sum of two variances; a zero term adds nothing. */
    static double satterthwaite(double v1, int df1, double v2, int df2) {
        double num = (v1 + v2) * (v1 + v2);
        double den = (df1 > 0 ? v1 * v1 / df1 : 0) + (df2 > 0 ? v2 * v2 / df2 : 0);
        return den == 0 ? Double.POSITIVE_INFINITY : num / den;
    }
}
