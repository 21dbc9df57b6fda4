package org.assay.analysis.compare;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comparisons of hand-made bundles whose figures are worked out here by hand: means, variances,
 * Welch's t and degrees of freedom, Fieller's interval, Holm's correction.
 */
class ComparisonTest {

    @TempDir
    Path tmp;

    private static final double[] BASE = {100, 102, 98, 101, 99};       // mean 100, s^2 = 10/4 = 2.5

    private ComparisonResult compare(CompareSettings s, boolean group, Path... runs) throws Exception {
        List<RunColumn> cols = RunColumn.of(VerifiedBundles.readAll(List.of(runs)), group);
        return Comparison.compare(cols, cols.get(0), s);
    }

    /** Fieller's interval for x/y worked out from the quadratic (xbar - r ybar)^2 = t^2 (vx + r^2 vy). */
    private static double[] fiellerByHand(double mx, double vx, int dfx, double my, double vy, int dfy) {
        double r = mx / my;
        double a = vx;
        double b = r * r * vy;
        double df = (a + b) * (a + b) / (a * a / dfx + b * b / dfy);
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        double qa = my * my - t * t * vy;
        double qb = -2 * mx * my;
        double qc = mx * mx - t * t * vx;
        double disc = Math.sqrt(qb * qb - 4 * qa * qc);
        return new double[]{(-qb - disc) / (2 * qa), (-qb + disc) / (2 * qa)};
    }

    @Test
    void runsThatDifferByLessThanTheirNoiseAreNotSignificant() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("cpu.x", BASE).write();
        Path b = new HandMadeBundles(tmp.resolve("b"), "h2").result("cpu.x", 101, 103, 99, 102, 100).write();
        ComparisonResult r = compare(CompareSettings.defaults(), true, a, b);

        MetricComparison m = r.metrics().get(0);
        assertEquals(100.0, m.estimates().get("a").mean(), 1e-12);
        assertEquals(0.5, m.estimates().get("a").varianceOfMean(), 1e-12);      // 2.5 / 5
        MetricComparison.Versus v = m.versus().get(0);
        assertEquals(1.01, v.ratio(), 1e-12);
        // t = 1 / sqrt(0.5 + 0.5) = 1; df = 1^2 / (0.25/4 + 0.25/4) = 8
        double p = 2 * new TDistribution(8).cumulativeProbability(-1.0);
        assertEquals(p, v.pValue(), 1e-9);
        assertEquals(0.3466, v.pValue(), 1e-4);
        assertEquals(p, v.pAdjusted(), 1e-9);                              // one test: Holm changes nothing
        double[] f = fiellerByHand(101, 0.5, 4, 100, 0.5, 4);
        assertEquals(f[0], v.low(), 1e-9);
        assertEquals(f[1], v.high(), 1e-9);
        assertTrue(v.low() < 1 && v.high() > 1);
        assertEquals(Verdict.not_significant, v.verdict());
        assertNull(m.winner());
    }

    @Test
    void aRunOnOneCpuAndARunOnTwoMeetInAWholeMachineRowAtTheirLargestThreadCounts() throws Exception {
        // One CPU: only the 1-thread step. Two CPUs: 1 and 2 threads, the 2-thread aggregate twice as fast.
        Path one = new HandMadeBundles(tmp.resolve("one"), "h").cpus(List.of(1))
                .result("cpu.x", 1, "ops/s", true, BASE).write();
        Path two = new HandMadeBundles(tmp.resolve("two"), "h")
                .result("cpu.x", 1, "ops/s", true, 101, 103, 99, 102, 100)
                .result("cpu.x", 2, "ops/s", true, 200, 204, 196, 202, 198).write();
        ComparisonResult r = compare(CompareSettings.defaults(), true, one, two);

        List<String> labels = r.metrics().stream().map(m -> m.id().label()).toList();
        assertEquals(List.of("cpu.x[n=64,threads=all]", "cpu.x[n=64,threads=1]"), labels);
        MetricComparison all = r.metrics().get(0);
        assertEquals(100.0, all.estimates().get("one").mean(), 1e-12);   // the 1-CPU run's only step
        assertEquals(200.0, all.estimates().get("two").mean(), 1e-12);   // the 2-CPU run's 2-thread step
        assertEquals(2.0, all.versus().get(0).ratio(), 1e-12);
        assertEquals(Verdict.better, all.versus().get(0).verdict());
        assertEquals(Verdict.not_significant, r.metrics().get(1).versus().get(0).verdict());
        assertEquals(List.of("cpu.x[n=64,threads=all]: each column at its largest thread count (one: 1, two: 2)"),
                r.notes());
        // threads=2 exists in one column only: it is still reported as not compared, not silently dropped.
        assertTrue(r.skipped().stream().anyMatch(l -> l.startsWith("cpu.x[n=64,threads=2]")), r.skipped().toString());
    }

    @Test
    void runsWithTheSameLargestThreadCountGetNoSecondCopyOfThatRow() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("cpu.x", 2, "ops/s", true, BASE).write();
        Path b = new HandMadeBundles(tmp.resolve("b"), "h2").result("cpu.x", 2, "ops/s", true, BASE).write();
        ComparisonResult r = compare(CompareSettings.defaults(), true, a, b);
        assertEquals(List.of("cpu.x[n=64,threads=2]"), r.metrics().stream().map(m -> m.id().label()).toList());
        assertTrue(r.notes().isEmpty());
    }

    @Test
    void clearlyDifferentRunsAreSignificantAndTheFasterWins() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("cpu.x", BASE).write();
        Path b = new HandMadeBundles(tmp.resolve("b"), "h2").result("cpu.x", 120, 122, 118, 121, 119).write();
        ComparisonResult r = compare(CompareSettings.defaults(), true, a, b);

        MetricComparison.Versus v = r.metrics().get(0).versus().get(0);
        assertEquals(1.2, v.ratio(), 1e-12);
        // t = 20 / sqrt(1) = 20, df = 8
        assertEquals(2 * new TDistribution(8).cumulativeProbability(-20.0), v.pValue(), 1e-15);
        double[] f = fiellerByHand(120, 0.5, 4, 100, 0.5, 4);
        assertEquals(f[0], v.low(), 1e-9);
        assertEquals(f[1], v.high(), 1e-9);
        assertEquals(Verdict.better, v.verdict());
        assertEquals("b", r.metrics().get(0).winner());
        // one metric: the category's geometric mean is that ratio
        GeometricMean g = r.overall().means().get(0);
        assertEquals(1.2, g.value(), 1e-12);
        assertEquals("b", r.overall().winner());
    }

    @Test
    void aSignificantChangeSmallerThanTheNoiseThresholdIsNoMeaningfulChange() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("cpu.x", 1000, 1000.2, 999.8, 1000.1, 999.9).write();
        Path b = new HandMadeBundles(tmp.resolve("b"), "h2").result("cpu.x", 1010, 1010.2, 1009.8, 1010.1, 1009.9).write();
        MetricComparison.Versus v = compare(CompareSettings.defaults(), true, a, b).metrics().get(0).versus().get(0);
        assertTrue(v.pAdjusted() < 1e-6, "1% apart with 0.02% noise is significant");
        assertEquals(Verdict.no_meaningful_change, v.verdict());

        CompareSettings half = new CompareSettings(0.005, 0.05, 0.95, Map.of());
        Path a2 = new HandMadeBundles(tmp.resolve("a2"), "h1").result("cpu.x", 1000, 1000.2, 999.8, 1000.1, 999.9).write();
        Path b2 = new HandMadeBundles(tmp.resolve("b2"), "h2").result("cpu.x", 1010, 1010.2, 1009.8, 1010.1, 1009.9).write();
        assertEquals(Verdict.better, compare(half, true, a2, b2).metrics().get(0).versus().get(0).verdict());
    }

    @Test
    void lowerIsBetterMetricsTurnTheVerdictAndTheGeometricMean() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("memory.lat", 1, "ns", false, BASE).write();
        Path b = new HandMadeBundles(tmp.resolve("b"), "h2").result("memory.lat", 1, "ns", false,
                120, 122, 118, 121, 119).write();
        ComparisonResult r = compare(CompareSettings.defaults(), true, a, b);
        assertEquals(Verdict.worse, r.metrics().get(0).versus().get(0).verdict());
        assertEquals("a", r.metrics().get(0).winner());
        assertEquals(1 / 1.2, r.overall().means().get(0).value(), 1e-12);
        assertEquals("a", r.overall().winner());
    }

    @Test
    void fortyMetricsWithTwoTrueDifferencesKeepOnlyThoseAfterHolm() throws Exception {
        Random rnd = new Random(20261202L);
        HandMadeBundles a = new HandMadeBundles(tmp.resolve("a"), "h1");
        HandMadeBundles b = new HandMadeBundles(tmp.resolve("b"), "h2");
        Set<String> truth = Set.of("cpu.m07", "cpu.m23");
        for (int i = 0; i < 40; i++) {
            String metric = String.format("cpu.m%02d", i);
            double shift = truth.contains(metric) ? 1.05 : 1.0;        // 5% faster, noise 1% per iteration
            a.result(metric, draw(rnd, 1000, 10, 10));
            b.result(metric, draw(rnd, 1000 * shift, 10, 10));
        }
        ComparisonResult r = compare(CompareSettings.defaults(), true, a.write(), b.write());

        Set<String> rawSignificant = new TreeSet<>();
        Set<String> found = new TreeSet<>();
        for (MetricComparison m : r.metrics()) {
            MetricComparison.Versus v = m.versus().get(0);
            if (v.pValue() < 0.05) {
                rawSignificant.add(m.id().metric());
            }
            if (v.verdict() == Verdict.better || v.verdict() == Verdict.worse) {
                found.add(m.id().metric());
            }
        }
        // Uncorrected, this seed gives false positives besides the two true differences...
        assertEquals(Set.of("cpu.m04", "cpu.m07", "cpu.m22", "cpu.m23", "cpu.m35"), rawSignificant);
        // ...Holm's correction keeps exactly the two.
        assertEquals(truth, found);
        for (MetricComparison m : r.metrics()) {
            if (!truth.contains(m.id().metric())) {
                assertEquals(Verdict.not_significant, m.versus().get(0).verdict(), m.id().metric());
            }
        }
    }

    private static double[] draw(Random rnd, double mean, double sd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * rnd.nextGaussian();
        }
        return v;
    }

    @Test
    void runsOfOneMachineClassFormOneColumnTestedOnRunMeans() throws Exception {
        // Each run is tight (0.1% between iterations) but the machines differ by 10%.
        List<Path> runs = new ArrayList<>();
        double[] aMeans = {100, 110, 90};
        double[] bMeans = {105, 115, 95};
        for (int i = 0; i < 3; i++) {
            runs.add(new HandMadeBundles(tmp.resolve("a" + i), "a-host-" + i).instanceType("type.a")
                    .result("cpu.x", aMeans[i] - 0.1, aMeans[i], aMeans[i] + 0.1).write());
        }
        for (int i = 0; i < 3; i++) {
            runs.add(new HandMadeBundles(tmp.resolve("b" + i), "b-host-" + i).instanceType("type.b")
                    .result("cpu.x", bMeans[i] - 0.1, bMeans[i], bMeans[i] + 0.1).write());
        }
        ComparisonResult grouped = compare(CompareSettings.defaults(), true, runs.toArray(Path[]::new));
        assertEquals(List.of("type.a (3 runs)", "type.b (3 runs)"), grouped.columns());
        MetricComparison m = grouped.metrics().get(0);
        Estimate a = m.estimates().get("type.a (3 runs)");
        assertEquals(Estimate.Level.runs, a.level());
        assertEquals(3, a.n());
        assertEquals(100.0, a.mean(), 1e-9);
        assertEquals(10.0, a.standardDeviation(), 1e-9);              // s^2 = (0 + 100 + 100) / 2
        // t = 5 / sqrt(100/3 + 100/3); df = (200/3)^2 / (2 (100/3)^2 / 2) = 4
        double t = 5 / Math.sqrt(200.0 / 3);
        MetricComparison.Versus v = m.versus().get(0);
        assertEquals(2 * new TDistribution(4).cumulativeProbability(-t), v.pValue(), 1e-9);
        assertEquals(Verdict.not_significant, v.verdict());

        // Run by run, the same bundles would wrongly call a0 vs b0 (tight iterations, 5% apart) a difference.
        ComparisonResult ungrouped = compare(CompareSettings.defaults(), false, runs.toArray(Path[]::new));
        assertEquals(6, ungrouped.columns().size());
        assertEquals(Verdict.better, ComparisonTable.versus(ungrouped.metrics().get(0), "b0").verdict());
    }

    @Test
    void aRestrictedCpuSetIsAnotherClassOfTheSameMachine() throws Exception {
        Path both = new HandMadeBundles(tmp.resolve("both"), "vm").result("cpu.x", BASE).write();
        Path one = new HandMadeBundles(tmp.resolve("one"), "vm").cpus(List.of(0)).result("cpu.x", BASE).write();
        Path both2 = new HandMadeBundles(tmp.resolve("both2"), "vm").result("cpu.x", BASE).write();
        List<RunColumn> cols = RunColumn.of(VerifiedBundles.readAll(List.of(both, one, both2)), true);
        assertEquals(List.of("vm (2 runs)", "one"), cols.stream().map(RunColumn::name).toList());
        assertEquals("vm cpus 0", cols.get(1).machineClass().name());
    }

    @Test
    void geometricMeansPerCategoryAndPerDollar() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("cpu.x", BASE).result("cpu.y", BASE)
                .result("memory.z", BASE).write();
        Path b = new HandMadeBundles(tmp.resolve("b"), "h2").result("cpu.x", 120, 122, 118, 121, 119)
                .result("cpu.y", 101, 103, 99, 102, 100).result("memory.z", BASE).write();
        ComparisonResult r = compare(new CompareSettings(0.02, 0.05, 0.95, Map.of("a", 1.0, "b", 2.0)), true, a, b);

        CategorySummary cpu = r.categories().get(0);
        assertEquals("cpu", cpu.category());
        GeometricMean g = cpu.means().get(0);
        assertEquals(Math.sqrt(1.2 * 1.01), g.value(), 1e-12);
        // var(log ratio) by the delta method, t with Satterthwaite's df: 0.5/120^2 + 0.5/100^2 and 0.5/101^2 + 0.5/100^2
        double var = (0.5 / 14400 + 0.5 / 10000 + 0.5 / 10201 + 0.5 / 10000) / 4;
        double[] v = {0.5 / 14400, 0.5 / 10000, 0.5 / 10201, 0.5 / 10000};
        double sum = v[0] + v[1] + v[2] + v[3];
        double df = sum * sum / ((v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]) / 4);
        double z = new TDistribution(df).inverseCumulativeProbability(0.975);
        assertEquals(Math.exp(Math.log(g.value()) - z * Math.sqrt(var)), g.low(), 1e-12);
        assertEquals(Math.exp(Math.log(g.value()) + z * Math.sqrt(var)), g.high(), 1e-12);
        assertEquals("b", cpu.winner());
        CategorySummary memory = r.categories().get(1);
        assertEquals(1.0, memory.means().get(0).value(), 1e-12);
        assertNull(memory.winner());

        MetricComparison x = r.metrics().get(0);
        // 120 ops/s for 2 USD/h = 60 per USD/h; half-width t(4, 0.975) sqrt(0.5) / 2
        assertEquals(60.0, x.perDollar().get("b").value(), 1e-12);
        assertEquals(new TDistribution(4).inverseCumulativeProbability(0.975) * Math.sqrt(0.5) / 2,
                x.perDollar().get("b").halfWidth(), 1e-12);
        assertEquals(100.0, x.perDollar().get("a").value(), 1e-12);
    }

    @Test
    void metricsAreListedWithNumbersInNumericOrder() {
        MetricId small = new MetricId("memory.latency.chase", "workingSetBytes=65536", 1);
        MetricId large = new MetricId("memory.latency.chase", "workingSetBytes=262144", 1);
        assertTrue(small.compareTo(large) < 0);
        assertTrue(new MetricId("cpu.x", "n=64", 2).compareTo(new MetricId("cpu.x", "n=64", 1)) > 0);
        assertEquals(0, new MetricId("cpu.x", "n=64", 1).compareTo(new MetricId("cpu.x", "n=64", 1)));
    }

    @Test
    void holmAdjustsStepDown() {
        double[] adj = Holm.adjust(new double[]{0.01, 0.04, 0.03, Double.NaN, 0.005});
        // sorted 0.005, 0.01, 0.03, 0.04 with m = 4: 0.02, 0.03, 0.06, max(0.06, 0.04) = 0.06
        assertEquals(0.03, adj[0], 1e-15);
        assertEquals(0.06, adj[1], 1e-15);
        assertEquals(0.06, adj[2], 1e-15);
        assertTrue(Double.isNaN(adj[3]));
        assertEquals(0.02, adj[4], 1e-15);
    }

    @Test
    void aBundleThatFailsVerificationIsRefusedInOneLine() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("cpu.x", BASE).write();
        Files.writeString(a.resolve("results.jsonl"), "\n", java.nio.file.StandardOpenOption.APPEND);
        CompareInputException e = assertThrows(CompareInputException.class, () -> VerifiedBundles.read(a));
        assertTrue(e.getMessage().contains("fails verification (MISMATCH results.jsonl)"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void runsWithNoCommonMetricAreRefused() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("cpu.x", BASE).write();
        Path b = new HandMadeBundles(tmp.resolve("b"), "h2").result("cpu.y", BASE).write();
        CompareInputException e = assertThrows(CompareInputException.class,
                () -> compare(CompareSettings.defaults(), true, a, b));
        assertTrue(e.getMessage().startsWith("the runs share no metric with the baseline a"), e.getMessage());
    }

    @Test
    void tablesCarryEveryFigure() throws Exception {
        Path a = new HandMadeBundles(tmp.resolve("a"), "h1").result("cpu.x", BASE).write();
        Path b = new HandMadeBundles(tmp.resolve("b"), "h|2").result("cpu.x", 120, 122, 118, 121, 119).write();
        ComparisonResult r = compare(CompareSettings.defaults(), true, a, b);
        var t = ComparisonTable.long_(r);
        assertEquals(2, t.rowCount());
        assertEquals("better", t.stringColumn("verdict").get(1));
        assertEquals(1.2, t.doubleColumn("ratio").get(1), 1e-12);
        String md = ComparisonMarkdown.of(r);
        assertTrue(md.contains("| cpu.x[n=64,threads=1] | a | 5 | 100.0 |"), md);
        assertTrue(md.contains("| better | "), md);
    }
}
