package org.assay.analysis.compare;

import java.util.List;

/**
 * One column's value of one metric: the mean of {@code values}, the variance of that mean
 * ({@code s^2 / n}) and its degrees of freedom ({@code n - 1}). {@code level} says what the values
 * are: the iteration samples of one run, or the scores of several runs of one machine class (then
 * the spread is between machines, which is what a comparison of classes must be tested against).
 */
public record Estimate(double mean, double varianceOfMean, int n, Level level, List<Double> values) {

    public enum Level { iterations, runs }

    public Estimate {
        values = List.copyOf(values);
    }

    /** The estimate from {@code values} (at least one; one value has no variance, NaN). */
    public static Estimate of(List<Double> values, Level level) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an estimate needs at least one value");
        }
        int n = values.size();
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double variance = n > 1 ? ss / (n - 1) : Double.NaN;
        return new Estimate(mean, variance / n, n, level, values);
    }

    public int degreesOfFreedom() {
        return n - 1;
    }

    /** The sample standard deviation of the values (NaN for one value). */
    public double standardDeviation() {
        return Math.sqrt(varianceOfMean * n);
    }

    public double standardError() {
        return Math.sqrt(varianceOfMean);
    }

    /** Half-width of the {@code confidence} interval of the mean (Student's t); NaN without spread. */
    public double halfWidth(double confidence) {
        if (!hasSpread()) {
            return Double.NaN;
        }
        return RatioTest.studentQuantile(0.5 + confidence / 2, degreesOfFreedom()) * standardError();
    }

    /** Whether the values carry a usable spread (two or more values). */
    public boolean hasSpread() {
        return n > 1 && Double.isFinite(varianceOfMean);
    }
}
