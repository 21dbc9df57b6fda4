package org.assay.harness.interop;

import org.apache.commons.math3.distribution.TDistribution;
import org.assay.analysis.ForkAwareInterval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 99.9% interval of an imported figure, from what the tool's file holds of the figure's spread
 * within its one run: per-interval values (iperf3's 1 s reports), or per job the mean, standard
 * deviation and count of the tool's own samples (fio's {@code iops_mean}, {@code iops_stddev},
 * {@code iops_samples}, taken every 500 ms). Method {@value #METHOD}: like JMH's within one fork,
 * it says nothing of how another run of the tool would differ. The interval is centred on the
 * tool's headline figure, which is what the file reports and the bundle scores.
 *
 * <p>Several jobs add up to the headline (fio's numjobs without group reporting): the variance of
 * the sum is the sum of the jobs' variances of the mean, and the degrees of freedom are
 * Welch–Satterthwaite's. A figure with no spread in the file has no interval: {@code scoreError}
 * and {@code ci} are null, as for a result Assay derives.
 */
final class ToolIntervals {

    static final String METHOD = "within-run";

    /** One job's summary of its own samples. */
    record Summary(double mean, double sd, long n) {
    }

    /** An interval: half-width and {@code [low, high]} (both null when unknown), and the bundle's {@code interval} object. */
    record Interval(Double halfWidth, List<Double> ci, Map<String, Object> interval) {
    }

    private ToolIntervals() {
    }

    /** From per-interval values of one run. */
    static Interval fromSamples(double score, List<Double> samples, String source) {
        if (samples.isEmpty()) {
            return none(source, 0);
        }
        ForkAwareInterval iv = ForkAwareInterval.of(List.of(samples));
        Map<String, Object> m = base(source);
        m.put("iterationsPerFork", List.of(samples.size()));
        return of(score, iv.halfWidth(), iv.degreesOfFreedom(), m);
    }

    /** From the jobs' summaries; none when a job has fewer than two samples or no spread figure. */
    static Interval fromSummaries(double score, List<Summary> jobs, String source) {
        double variance = 0;
        double dfDenominator = 0;
        long n = 0;
        for (Summary s : jobs) {
            if (s.n() < 2 || !Double.isFinite(s.sd())) {
                return none(source, s.n());
            }
            double v = s.sd() * s.sd() / s.n();
            variance += v;
            dfDenominator += v * v / (s.n() - 1);
            n += s.n();
        }
        if (jobs.isEmpty()) {
            return none(source, 0);
        }
        double df = dfDenominator == 0 ? n - jobs.size() : variance * variance / dfDenominator;
        double half = variance == 0 ? 0 : quantile(df) * Math.sqrt(variance);
        Map<String, Object> m = base(source);
        // the tool's samples are summarised in the file, not listed: the bundle's samples stay empty
        m.put("toolSamples", n);
        return of(score, half, (int) Math.floor(df), m);
    }

    private static Interval of(double score, double half, int df, Map<String, Object> m) {
        m.put("degreesOfFreedom", df);
        boolean known = Double.isFinite(half) && Double.isFinite(score);
        m.put("halfWidth", known ? half : null);
        m.put("relativeHalfWidth", known && score != 0 ? half / Math.abs(score) : null);
        return known ? new Interval(half, List.of(score - half, score + half), m) : new Interval(null, null, m);
    }

    /** No interval: the file holds one number. */
    static Interval none(String source, long n) {
        Map<String, Object> m = base(source);
        m.put("toolSamples", n);
        m.put("degreesOfFreedom", null);
        m.put("halfWidth", null);
        m.put("relativeHalfWidth", null);
        return new Interval(null, null, m);
    }

    private static Map<String, Object> base(String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", METHOD);
        m.put("confidence", ForkAwareInterval.CONFIDENCE);
        m.put("forks", 1);
        m.put("source", source);
        return m;
    }

    static double quantile(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - ForkAwareInterval.CONFIDENCE) / 2);
    }
}
