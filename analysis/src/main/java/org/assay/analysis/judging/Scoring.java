package org.assay.analysis.judging;

import org.assay.profiles.ExpectedResult;
import org.assay.profiles.Profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores a run against a profile. Each measurement with an expected result (the one with the
 * same key, else the most specific whose key covers it) gives a ratio r
 * (measured / expected; expected / measured where lower is better). A category's score is
 * 1000 x the geometric mean of its ratios, exp(mean(log r)); the overall score is the geometric
 * mean of the category scores, so each category weighs the same however many metrics it has.
 *
 * <p>Intervals by the delta method on log ratios: se(log r) = se(measured) / measured, the
 * profile's expected value taken as exact (it is the reference, by definition 1000). The
 * measurements are independent, so se(mean of k logs) = sqrt(sum se^2) / k, and the 99.9%
 * interval is 1000 x exp(mean +- z se) with z the normal 99.95% quantile (3.29). A mean with a
 * ratio that has no interval gets none.
 */
public final class Scoring {

    /** The normal quantile of a 99.9% two-sided interval. */
    static final double Z = Measurement.quantile(0);

    private Scoring() {
    }

    public static ScoreReport score(RunMeasurements run, Profile profile) {
        List<ScoreReport.MetricScore> rows = new ArrayList<>();
        java.util.Set<ExpectedResult> used = new java.util.HashSet<>();
        // Each measurement against its most specific expected result, so an entry without
        // parameters beside one with them does not count a measurement twice.
        for (Measurement m : run.all()) {
            Optional<ExpectedResult> expected = Acceptance.expectedFor(profile, m.key());
            if (expected.isEmpty()) {
                continue;
            }
            ExpectedResult e = expected.get();
            used.add(e);
            double ratio = m.higherIsBetter() ? m.value() / e.value() : e.value() / m.value();
            Double se = m.standardError() == null ? null : m.standardError() / m.value();
            rows.add(new ScoreReport.MetricScore(m.key(), m.key().category(), m, e, ratio, se));
        }
        List<ScoreReport.Missing> missing = new ArrayList<>();
        for (ExpectedResult e : profile.expected()) {
            if (!used.contains(e) && run.matching(e.key()).isEmpty()) {
                missing.add(new ScoreReport.Missing(e.key(), run.whyMissing(e.key())));
            }
        }
        Map<String, List<ScoreReport.MetricScore>> byCategory = new LinkedHashMap<>();
        for (String c : List.of("cpu", "memory", "storage", "network")) {
            byCategory.put(c, new ArrayList<>());
        }
        rows.forEach(r -> byCategory.computeIfAbsent(r.category(), c -> new ArrayList<>()).add(r));
        List<ScoreReport.CategoryScore> categories = new ArrayList<>();
        List<double[]> categoryLogs = new ArrayList<>();
        for (Map.Entry<String, List<ScoreReport.MetricScore>> c : byCategory.entrySet()) {
            if (c.getValue().isEmpty()) {
                continue;
            }
            double[] logs = c.getValue().stream().mapToDouble(r -> Math.log(r.ratio())).toArray();
            Double[] ses = c.getValue().stream().map(ScoreReport.MetricScore::logStandardError).toArray(Double[]::new);
            double[] meanAndSe = meanOfLogs(logs, ses);
            categories.add(categoryScore(c.getKey(), meanAndSe, logs.length));
            categoryLogs.add(meanAndSe);
        }
        ScoreReport.CategoryScore overall = null;
        if (!categoryLogs.isEmpty()) {
            double[] logs = categoryLogs.stream().mapToDouble(a -> a[0]).toArray();
            Double[] ses = categoryLogs.stream().map(a -> Double.isNaN(a[1]) ? null : a[1]).toArray(Double[]::new);
            overall = categoryScore("overall", meanOfLogs(logs, ses), logs.length);
        }
        List<LimitShare> shares = run.all().stream().map(m -> LimitShare.of(m, profile)).flatMap(Optional::stream).toList();
        List<ScoreReport.NoLimit> notDerived = new ArrayList<>();
        for (Measurement m : run.all()) {
            LimitShare.limitId(m, profile).filter(id -> profile.limits().get(id).isEmpty()).ifPresent(id -> notDerived.add(
                    new ScoreReport.NoLimit(m.key(), id, profile.limits().missing().getOrDefault(id, "unknown limit"))));
        }
        return new ScoreReport(profile.id(), rows, categories, overall, missing, shares, notDerived);
    }

    /** {mean of logs, its standard error (NaN when any input has none)}. */
    static double[] meanOfLogs(double[] logs, Double[] ses) {
        double sum = 0;
        double var = 0;
        boolean known = true;
        for (int i = 0; i < logs.length; i++) {
            sum += logs[i];
            if (ses[i] == null) {
                known = false;
            } else {
                var += ses[i] * ses[i];
            }
        }
        int k = logs.length;
        return new double[]{sum / k, known ? Math.sqrt(var) / k : Double.NaN};
    }

    private static ScoreReport.CategoryScore categoryScore(String name, double[] meanAndSe, int count) {
        double score = 1000 * Math.exp(meanAndSe[0]);
        if (Double.isNaN(meanAndSe[1])) {
            return new ScoreReport.CategoryScore(name, score, null, null, count);
        }
        return new ScoreReport.CategoryScore(name, score, 1000 * Math.exp(meanAndSe[0] - Z * meanAndSe[1]),
                1000 * Math.exp(meanAndSe[0] + Z * meanAndSe[1]), count);
    }
}
