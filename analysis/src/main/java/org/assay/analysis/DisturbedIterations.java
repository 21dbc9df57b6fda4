package org.assay.analysis;

import org.assay.results.SecondaryMetric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the measured iterations that something disturbed, by a robust rule, and says what the
 * probes saw in each: the score is then given with and without them, and nothing is dropped.
 *
 * <p>The rule: an iteration is disturbed when {@code |x - m_f| > K * 1.4826 * MAD}, where
 * {@code m_f} is the median of its own fork and MAD the median absolute deviation of all
 * iterations from their forks' medians. 1.4826 makes the MAD estimate the standard deviation of
 * normal data; {@value #K} is Iglewicz and Hoaglin's cut-off for the modified z-score. Medians,
 * not means, so that the disturbed iterations cannot hide themselves by widening the scale. The
 * residuals are taken from each fork's own median because a fork that runs 5% faster than another
 * is between-fork variation (the interval's business), not a disturbance.
 *
 * <p>A host noisy throughout shows itself not by a few marked iterations but by a wide robust
 * spread: when {@code 1.4826 * MAD / |median|} exceeds {@value #NOISY_SPREAD} the result says the
 * host is noisy, so that a wide interval is read as the host's and not the hardware's.
 */
public final class DisturbedIterations {

    public static final double K = 3.5;
    public static final double MAD_SCALE = 1.4826;
    /** Robust coefficient of variation above which the host is called noisy throughout. */
    public static final double NOISY_SPREAD = 0.05;
    /** Below this many iterations a median and a MAD say too little to mark any one. */
    public static final int MIN_ITERATIONS = 5;
    public static final String RULE = "|x - fork median| > 3.5 x 1.4826 x MAD";

    /** Per-iteration probe figures that bear on a disturbance; energy and temperature do not. */
    private static final Pattern EVIDENCE = Pattern.compile(
            "probe\\.clock(\\.estimated)?|probe\\.throttle\\.events|probe\\.ipc|.*(steal|switch|migrat|load|busy|irq).*");

    private DisturbedIterations() {
    }

    /** One disturbed iteration: where it is, its score, how far out (in scaled MADs) and what the probes saw. */
    public record Mark(int fork, int iteration, double score, double deviation, List<String> evidence) {
        public Mark {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * @param applied   false when there were fewer than {@link #MIN_ITERATIONS} iterations or the MAD was 0
     * @param without   the interval over the iterations not marked (the same as all when none is)
     * @param cv        sample standard deviation / mean over all iterations
     * @param robustCv  1.4826 x MAD / |median| (MAD of the residuals from the fork medians)
     */
    public record Result(boolean applied, List<Mark> marks, ForkAwareInterval without, double cv, double robustCv) {
        public Result {
            marks = List.copyOf(marks);
        }

        public boolean noisy() {
            return robustCv > NOISY_SPREAD;
        }

        /** The bundle's {@code disturbed} object (see docs/result-format.md). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", RULE);
            m.put("k", K);
            m.put("applied", applied);
            m.put("count", marks.size());
            List<Map<String, Object>> its = new ArrayList<>();
            for (Mark k : marks) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("fork", k.fork());
                i.put("iteration", k.iteration());
                i.put("score", k.score());
                i.put("deviation", round(k.deviation()));
                i.put("evidence", k.evidence());
                its.add(i);
            }
            m.put("iterations", its);
            m.put("scoreWithout", without == null ? null : finite(without.mean()));
            m.put("scoreErrorWithout", without == null ? null : finite(without.halfWidth()));
            m.put("cv", finite(cv));
            m.put("robustCv", finite(robustCv));
            m.put("noisyThreshold", NOISY_SPREAD);
            m.put("noisy", noisy());
            return m;
        }
    }

    /**
     * @param perFork  measured samples per fork, in iteration order
     * @param evidence per fork and iteration, the probe figures of that iteration (JMH secondary
     *                 results); may be empty or shorter than the samples when no probe ran
     */
    public static Result find(List<List<Double>> perFork, List<List<Map<String, SecondaryMetric>>> evidence) {
        List<Double> all = new ArrayList<>();
        List<Double> residuals = new ArrayList<>();
        double[] forkMedians = new double[perFork.size()];
        for (int f = 0; f < perFork.size(); f++) {
            List<Double> fork = perFork.get(f);
            forkMedians[f] = fork.isEmpty() ? Double.NaN : median(fork);
            for (double x : fork) {
                all.add(x);
                residuals.add(Math.abs(x - forkMedians[f]));
            }
        }
        if (all.isEmpty()) {
            return new Result(false, List.of(), null, Double.NaN, Double.NaN);
        }
        double mad = median(residuals);
        double scale = MAD_SCALE * mad;
        double center = median(all);
        double cv = ForkAwareInterval.stdDev(all) / Math.abs(ForkAwareInterval.mean(all));
        double robustCv = center == 0 ? Double.NaN : scale / Math.abs(center);
        ForkAwareInterval whole = ForkAwareInterval.of(perFork);
        if (all.size() < MIN_ITERATIONS || !(scale > 0)) {
            return new Result(false, List.of(), whole, cv, robustCv);
        }
        Map<String, Double> medians = evidenceMedians(evidence);
        List<Mark> marks = new ArrayList<>();
        List<List<Double>> kept = new ArrayList<>();
        for (int f = 0; f < perFork.size(); f++) {
            List<Double> fork = perFork.get(f);
            List<Double> keep = new ArrayList<>();
            for (int i = 0; i < fork.size(); i++) {
                double x = fork.get(i);
                double dev = (x - forkMedians[f]) / scale;
                if (Math.abs(dev) > K) {
                    marks.add(new Mark(f, i, x, dev, describe(at(evidence, f, i), medians)));
                } else {
                    keep.add(x);
                }
            }
            kept.add(keep);
        }
        ForkAwareInterval without = marks.isEmpty() ? whole : ForkAwareInterval.of(kept);
        return new Result(true, marks, without, cv, robustCv);
    }

    /** What the probes measured in that iteration, each beside its median over all iterations. */
    static List<String> describe(Map<String, SecondaryMetric> it, Map<String, Double> medians) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, SecondaryMetric> e : it.entrySet()) {
            Double v = e.getValue().score();
            if (v == null || !EVIDENCE.matcher(e.getKey()).matches()) {
                continue;
            }
            String unit = e.getValue().unit() == null ? "" : " " + e.getValue().unit();
            Double med = medians.get(e.getKey());
            if (e.getKey().equals("probe.throttle.events")) {
                if (v > 0) {
                    out.add(String.format(Locale.ROOT, "%.0f throttle event(s)", v));
                }
            } else if (med != null && med != 0) {
                out.add(String.format(Locale.ROOT, "%s %s%s (median %s, %+.0f%%)", e.getKey(), num(v), unit, num(med),
                        100 * (v - med) / Math.abs(med)));
            } else {
                out.add(e.getKey() + " " + num(v) + unit);
            }
        }
        if (out.isEmpty()) {
            out.add("no probe evidence for this iteration");
        }
        return out;
    }

    private static Map<String, Double> evidenceMedians(List<List<Map<String, SecondaryMetric>>> evidence) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (List<Map<String, SecondaryMetric>> fork : evidence) {
            for (Map<String, SecondaryMetric> it : fork) {
                it.forEach((k, v) -> {
                    if (v.score() != null && Double.isFinite(v.score())) {
                        values.computeIfAbsent(k, x -> new ArrayList<>()).add(v.score());
                    }
                });
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, median(v)));
        return out;
    }

    private static Map<String, SecondaryMetric> at(List<List<Map<String, SecondaryMetric>>> evidence, int f, int i) {
        if (f >= evidence.size() || i >= evidence.get(f).size()) {
            return Map.of();
        }
        return evidence.get(f).get(i);
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** Four significant digits, no trailing zeros: 12, 2000, 0.8125. */
    static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
