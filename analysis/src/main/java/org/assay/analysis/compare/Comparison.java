package org.assay.analysis.compare;

import org.assay.results.Bundle;
import org.assay.results.InvocationResult;
import org.assay.results.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares columns of runs with a baseline column, metric by metric: each column's mean with its
 * interval, the ratio to the baseline with Fieller's interval, Welch's test, Holm's correction
 * over every test, a verdict that ignores significant differences smaller than the noise
 * threshold, the winner per metric and per category, geometric means and performance per dollar.
 *
 * <p>A column of one run is estimated from that run's iteration samples; a column of several
 * runs (one machine class) from the runs' scores, one value per run, so the test between two
 * groups asks whether the classes differ by more than their machines differ among themselves.
 */
public final class Comparison {

    /** Why a metric was left out, one line each (e.g. measured by the baseline only). */
    private final List<String> skipped = new ArrayList<>();
    /** How rows were formed, one line each (the thread counts behind a whole-machine row). */
    private final List<String> notes = new ArrayList<>();
    private final List<RunColumn> columns;
    private final RunColumn baseline;
    private final CompareSettings settings;

    private Comparison(List<RunColumn> columns, RunColumn baseline, CompareSettings settings) {
        this.columns = columns;
        this.baseline = baseline;
        this.settings = settings;
    }

    /**
     * @throws CompareInputException when fewer than two columns are given or no metric is measured
     *                               by the baseline and another column
     */
    public static ComparisonResult compare(List<RunColumn> columns, RunColumn baseline, CompareSettings settings)
            throws CompareInputException {
        if (columns.size() < 2) {
            throw new CompareInputException("compare needs runs of at least two columns, got "
                    + (columns.isEmpty() ? "none" : "only " + columns.get(0).name()
                    + (columns.get(0).isGroup() ? " (its runs are one machine class; add --no-group to compare them)" : ""))
                    + ": give two or more bundles");
        }
        return new Comparison(columns, baseline, settings).run();
    }

    private ComparisonResult run() throws CompareInputException {
        Map<String, Map<MetricId, List<InvocationResult>>> byColumn = new LinkedHashMap<>();
        TreeSet<MetricId> all = new TreeSet<>();
        for (RunColumn c : columns) {
            Map<MetricId, List<InvocationResult>> m = new TreeMap<>();
            for (Bundle b : c.runs()) {
                for (InvocationResult r : b.results()) {
                    if (r.status() == Status.ok && (!r.samples().isEmpty() || r.score() != null)) {
                        m.computeIfAbsent(MetricId.of(r), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            byColumn.put(c.name(), m);
            all.addAll(m.keySet());
        }
        all.addAll(addWholeMachineRows(byColumn));
        Map<MetricId, List<InvocationResult>> base = byColumn.get(baseline.name());

        List<MetricId> compared = new ArrayList<>();
        List<Map<String, Estimate>> estimates = new ArrayList<>();
        for (MetricId id : all) {
            List<InvocationResult> b = base.get(id);
            if (b == null) {
                skipped.add(id.label() + ": not measured by the baseline " + baseline.name());
                continue;
            }
            InvocationResult ref = b.get(0);
            Map<String, Estimate> est = new LinkedHashMap<>();
            for (RunColumn c : columns) {
                List<InvocationResult> rs = byColumn.get(c.name()).get(id);
                if (rs == null) {
                    continue;
                }
                InvocationResult other = rs.get(0);
                if (other.definitionVersion() != ref.definitionVersion() || !Objects.equals(other.unit(), ref.unit())) {
                    skipped.add(id.label() + " in " + c.name() + ": definition version " + other.definitionVersion()
                            + " (" + other.unit() + ") against the baseline's " + ref.definitionVersion()
                            + " (" + ref.unit() + "): a different method is not compared");
                    continue;
                }
                est.put(c.name(), estimate(rs));
            }
            if (est.size() < 2) {
                skipped.add(id.label() + ": measured by the baseline only");
                continue;
            }
            compared.add(id);
            estimates.add(est);
        }
        if (compared.isEmpty()) {
            throw new CompareInputException("the runs share no metric with the baseline " + baseline.name()
                    + " (same metric, parameters, threads and definition version): compare runs of the same workloads");
        }

        // One family for Holm: every (metric, column) test of this comparison.
        List<double[]> raw = new ArrayList<>();
        List<RatioTest.Result> tests = new ArrayList<>();
        List<String> testColumn = new ArrayList<>();
        List<Integer> testMetric = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            Estimate y = estimates.get(i).get(baseline.name());
            for (Map.Entry<String, Estimate> e : estimates.get(i).entrySet()) {
                if (e.getKey().equals(baseline.name())) {
                    continue;
                }
                tests.add(RatioTest.compare(e.getValue(), y, settings.confidence()));
                testColumn.add(e.getKey());
                testMetric.add(i);
            }
        }
        double[] p = tests.stream().mapToDouble(RatioTest.Result::pValue).toArray();
        double[] adjusted = Holm.adjust(p);

        List<List<MetricComparison.Versus>> versus = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            versus.add(new ArrayList<>());
        }
        for (int t = 0; t < tests.size(); t++) {
            int i = testMetric.get(t);
            InvocationResult ref = base.get(compared.get(i)).get(0);
            RatioTest.Result r = tests.get(t);
            String col = testColumn.get(t);
            versus.get(i).add(new MetricComparison.Versus(col, r.ratio(), r.low(), r.high(), r.pValue(), adjusted[t],
                    verdict(r.ratio(), adjusted[t], ref.higherIsBetter())));
        }

        List<MetricComparison> metrics = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            InvocationResult ref = base.get(compared.get(i)).get(0);
            Map<String, MetricComparison.PerDollar> perDollar = new LinkedHashMap<>();
            if (ref.higherIsBetter()) {
                estimates.get(i).forEach((col, e) -> {
                    Double price = settings.prices().get(col);
                    if (price != null) {
                        perDollar.put(col, new MetricComparison.PerDollar(e.mean() / price,
                                e.halfWidth(settings.confidence()) / price));
                    }
                });
            }
            metrics.add(new MetricComparison(compared.get(i), ref.unit(), ref.higherIsBetter(), estimates.get(i),
                    versus.get(i), winner(versus.get(i), ref.higherIsBetter()), perDollar));
        }

        List<CategorySummary> categories = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        compared.forEach(id -> names.add(id.category()));
        for (String cat : names) {
            categories.add(summary(cat, metrics.stream().filter(m -> m.id().category().equals(cat)).toList()));
        }
        CategorySummary overall = summary("all", metrics);
        return new ComparisonResult(columns.stream().map(RunColumn::name).toList(), baseline.name(), settings,
                metrics, categories, overall, List.copyOf(skipped), warnings(), List.copyOf(notes));
    }

    /**
     * Adds, to every column, a {@code threads=all} row per metric and parameters whose largest
     * thread count differs between columns: that column's result at its largest count. Where every
     * column ran the same largest count the {@code threads=N} row already compares them, and a
     * second copy would only enlarge Holm's family. Returns the ids added.
     */
    private List<MetricId> addWholeMachineRows(Map<String, Map<MetricId, List<InvocationResult>>> byColumn) {
        Map<MetricId, Map<String, Integer>> largest = new TreeMap<>();
        byColumn.forEach((col, m) -> m.keySet().forEach(id -> largest
                .computeIfAbsent(id.withThreads(MetricId.ALL_WORKERS), k -> new LinkedHashMap<>())
                .merge(col, id.threads(), Math::max)));
        List<MetricId> added = new ArrayList<>();
        for (Map.Entry<MetricId, Map<String, Integer>> e : largest.entrySet()) {
            Map<String, Integer> counts = e.getValue();
            if (counts.size() < 2 || counts.values().stream().distinct().count() < 2) {
                continue;
            }
            MetricId all = e.getKey();
            counts.forEach((col, n) -> byColumn.get(col).put(all, byColumn.get(col).get(all.withThreads(n))));
            added.add(all);
            StringBuilder line = new StringBuilder(all.label()).append(": each column at its largest thread count (");
            counts.forEach((col, n) -> line.append(col).append(": ").append(n).append(", "));
            line.setLength(line.length() - 2);
            notes.add(line.append(")").toString());
        }
        return added;
    }

    /** "run: check: warning" for every pre-flight warning of every run compared. */
    private List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (RunColumn c : columns) {
            for (Bundle b : c.runs()) {
                b.manifest().environment().stream().filter(e -> e.warning() != null)
                        .forEach(e -> out.add(RunColumn.dirName(b) + ": " + e.name() + ": " + e.warning()));
            }
        }
        return List.copyOf(out);
    }

    /** One run: its iterations. Several runs of the class: one value per run, the run's mean. */
    static Estimate estimate(List<InvocationResult> rs) {
        if (rs.size() == 1) {
            return Estimate.of(values(rs.get(0)), Estimate.Level.iterations);
        }
        List<Double> runMeans = new ArrayList<>();
        for (InvocationResult r : rs) {
            runMeans.add(Estimate.of(values(r), Estimate.Level.iterations).mean());
        }
        return Estimate.of(runMeans, Estimate.Level.runs);
    }

    private static List<Double> values(InvocationResult r) {
        return r.samples().isEmpty() ? List.of(r.score()) : r.samples();
    }

    private Verdict verdict(double ratio, double pAdjusted, boolean higherIsBetter) {
        if (Double.isNaN(pAdjusted)) {
            return Verdict.untested;
        }
        if (pAdjusted > settings.alpha()) {
            return Verdict.not_significant;
        }
        if (Math.abs(ratio - 1) < settings.noise()) {
            return Verdict.no_meaningful_change;
        }
        return (ratio > 1) == higherIsBetter ? Verdict.better : Verdict.worse;
    }

    private String winner(List<MetricComparison.Versus> vs, boolean higherIsBetter) {
        String best = null;
        double bestOriented = 0;
        boolean allWorse = !vs.isEmpty();
        for (MetricComparison.Versus v : vs) {
            if (v.verdict() != Verdict.worse) {
                allWorse = false;
            }
            if (v.verdict() == Verdict.better) {
                double oriented = higherIsBetter ? v.ratio() : 1 / v.ratio();
                if (best == null || oriented > bestOriented) {
                    best = v.column();
                    bestOriented = oriented;
                }
            }
        }
        return best != null ? best : (allWorse ? baseline.name() : null);
    }

    private CategorySummary summary(String category, List<MetricComparison> metrics) {
        List<GeometricMean> means = new ArrayList<>();
        for (RunColumn c : columns) {
            if (c == baseline) {
                continue;
            }
            double sumLog = 0;
            double sumVar = 0;
            double sumVarSquaredPerDf = 0;
            int k = 0;
            for (MetricComparison m : metrics) {
                Estimate x = m.estimates().get(c.name());
                Estimate y = m.estimates().get(baseline.name());
                if (x == null || x.mean() <= 0 || y.mean() <= 0) {
                    continue;
                }
                double logRatio = Math.log(x.mean() / y.mean());
                sumLog += m.higherIsBetter() ? logRatio : -logRatio;
                // Delta method: var(log mean) = var(mean) / mean^2; a side without spread adds none.
                double vx = x.hasSpread() ? x.varianceOfMean() / (x.mean() * x.mean()) : 0;
                double vy = y.hasSpread() ? y.varianceOfMean() / (y.mean() * y.mean()) : 0;
                sumVar += vx + vy;
                sumVarSquaredPerDf += (x.hasSpread() ? vx * vx / x.degreesOfFreedom() : 0)
                        + (y.hasSpread() ? vy * vy / y.degreesOfFreedom() : 0);
                k++;
            }
            if (k == 0) {
                continue;
            }
            double mean = sumLog / k;
            double sd = Math.sqrt(sumVar) / k;
            // Student's t with Welch–Satterthwaite degrees of freedom of the summed variances: with a
            // few runs per column a normal quantile would claim far more certainty than there is.
            double df = sumVarSquaredPerDf == 0 ? Double.POSITIVE_INFINITY : sumVar * sumVar / sumVarSquaredPerDf;
            double z = RatioTest.studentQuantile(0.5 + settings.confidence() / 2, df);
            means.add(new GeometricMean(c.name(), Math.exp(mean), Math.exp(mean - z * sd), Math.exp(mean + z * sd), k));
        }
        return new CategorySummary(category, means, categoryWinner(means));
    }

    private String categoryWinner(List<GeometricMean> means) {
        String best = null;
        double bestValue = 0;
        boolean allWorse = !means.isEmpty();
        for (GeometricMean g : means) {
            boolean better = g.value() >= 1 + settings.noise() && g.low() > 1;
            boolean worse = g.value() <= 1 / (1 + settings.noise()) && g.high() < 1;
            if (!worse) {
                allWorse = false;
            }
            if (better && (best == null || g.value() > bestValue)) {
                best = g.column();
                bestValue = g.value();
            }
        }
        return best != null ? best : (allWorse ? baseline.name() : null);
    }
}
