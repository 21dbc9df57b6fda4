package org.assay.analysis;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 99.9% confidence interval of a score measured in one or more JVM forks, honest about what
 * varies between forks.
 *
 * <p>JMH pools every iteration of every fork as if all were independent draws. They are not: a
 * fork fixes its JIT decisions, its heap and page layout, the physical pages behind its buffers,
 * and on a shared host the neighbours of the moment, so its iterations resemble each other more
 * than they resemble another fork's. Pooled, five iterations x three forks count as 15 samples
 * when the experiment has three independent units, and the interval is too narrow exactly when the
 * forks disagree.
 *
 * <p>With two or more forks this is the per-fork-means interval: each fork contributes its mean,
 * the score is the mean of those means, and the half-width is {@code t(1 - a/2, forks - 1) *
 * s / sqrt(forks)}, s the standard deviation of the fork means. The fork means are independent
 * (separate JVMs), and each already averages its own iterations, so neither the correlation of
 * iterations within a fork nor their count matters. For equal iterations per fork this is the
 * exact interval of the one-way random-effects model for the grand mean (it uses the
 * between-fork mean square, with forks - 1 degrees of freedom); with unequal counts it weights the
 * forks equally, which is what a fork effect calls for.
 *
 * <p>With one fork no between-fork variation can be seen: the interval is Student's t over the
 * iterations (JMH's own, for one fork), labelled {@link #WITHIN_FORK} so that no reader takes it
 * for the spread another JVM would show.
 */
public record ForkAwareInterval(double mean, double halfWidth, double confidence, String method, int forks,
                                List<Integer> iterationsPerFork, int degreesOfFreedom) {

    public static final double CONFIDENCE = 0.999;
    public static final String FORK_MEANS = "fork-means";
    public static final String WITHIN_FORK = "within-fork";

    public ForkAwareInterval {
        iterationsPerFork = List.copyOf(iterationsPerFork);
    }

    /** The interval at {@value #CONFIDENCE} over the forks' samples; empty forks are ignored. */
    public static ForkAwareInterval of(List<List<Double>> perFork) {
        return of(perFork, CONFIDENCE);
    }

    public static ForkAwareInterval of(List<List<Double>> perFork, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        List<List<Double>> forks = new ArrayList<>();
        for (List<Double> f : perFork) {
            if (!f.isEmpty()) {
                forks.add(f);
            }
        }
        if (forks.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Integer> counts = forks.stream().map(List::size).toList();
        if (forks.size() == 1) {
            List<Double> f = forks.get(0);
            int df = f.size() - 1;
            double half = df < 1 ? Double.NaN : quantile(confidence, df) * stdDev(f) / Math.sqrt(f.size());
            return new ForkAwareInterval(mean(f), half, confidence, WITHIN_FORK, 1, counts, df);
        }
        List<Double> means = forks.stream().map(ForkAwareInterval::mean).toList();
        int df = means.size() - 1;
        double half = quantile(confidence, df) * stdDev(means) / Math.sqrt(means.size());
        return new ForkAwareInterval(mean(means), half, confidence, FORK_MEANS, means.size(), counts, df);
    }

    /**
     * JMH's interval: every iteration of every fork pooled as one independent sample. Kept beside
     * the headline for comparison; with several forks it is too narrow when the forks disagree.
     */
    public static double pooledHalfWidth(List<List<Double>> perFork) {
        List<Double> all = new ArrayList<>();
        perFork.forEach(all::addAll);
        return all.size() < 2 ? Double.NaN
                : quantile(CONFIDENCE, all.size() - 1) * stdDev(all) / Math.sqrt(all.size());
    }

    public double low() {
        return mean - halfWidth;
    }

    public double high() {
        return mean + halfWidth;
    }

    /** Half-width as a fraction of the score's magnitude; NaN when either is unknown or the score is 0. */
    public double relativeHalfWidth() {
        return mean == 0 || !Double.isFinite(mean) || !Double.isFinite(halfWidth) ? Double.NaN
                : halfWidth / Math.abs(mean);
    }

    public int iterations() {
        return iterationsPerFork.stream().mapToInt(Integer::intValue).sum();
    }

    /** The bundle's {@code interval} object (see docs/result-format.md); NaN becomes null. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("confidence", confidence);
        m.put("forks", forks);
        m.put("iterationsPerFork", iterationsPerFork);
        m.put("degreesOfFreedom", degreesOfFreedom);
        m.put("halfWidth", finite(halfWidth));
        m.put("relativeHalfWidth", finite(relativeHalfWidth()));
        return m;
    }

    /** The two-sided Student's t quantile {@code t(1 - (1 - confidence) / 2, df)}. */
    static double quantile(double confidence, int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.size();
    }

    /** Sample standard deviation (n - 1); NaN for fewer than two values. */
    static double stdDev(List<Double> xs) {
        if (xs.size() < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.size() - 1));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
