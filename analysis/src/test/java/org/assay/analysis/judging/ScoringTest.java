package org.assay.analysis.judging;

import org.apache.commons.math3.distribution.TDistribution;
import org.assay.profiles.MetricKey;
import org.assay.profiles.Profile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scores worked out by hand from {@link Fixtures}: ratios, an inverted metric, geometric means, intervals, a missing metric, limit shares. */
class ScoringTest {

    private final Profile box = Fixtures.profile("lab-box", Fixtures.BASE, Fixtures.BOX);
    private final ScoreReport report = Scoring.score(RunMeasurements.of(Fixtures.run()), box);

    private ScoreReport.CategoryScore category(String name) {
        return report.categories().stream().filter(c -> c.category().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void ratiosAreMeasuredOverExpectedAndInvertedWhereLowerIsBetter() {
        Map<String, Double> ratios = new java.util.HashMap<>();
        report.metrics().forEach(m -> ratios.put(m.key().toString(), m.ratio()));
        assertEquals(44 / 40.0, ratios.get("cpu.dgemm{n=512,threads=1}"), 1e-12);
        assertEquals(92 / 100.0, ratios.get("cpu.dgemm{n=512,threads=4}"), 1e-12);
        // 2.5 ns where 2.0 ns is expected: slower, so 2.0 / 2.5 = 0.8, below 1 like every worse result.
        assertEquals(0.8, ratios.get("memory.latency.chase{threads=1,workingSetBytes=1024}"), 1e-12);
        assertEquals(1.0, ratios.get("memory.bandwidth.triad{threads=4}"), 1e-12);
        assertEquals(4, report.metrics().size());
    }

    @Test
    void categoriesAreGeometricMeansTimes1000AndOverallIsTheMeanOfCategories() {
        assertEquals(1000 * Math.sqrt(1.1 * 0.92), category("cpu").score(), 1e-9);
        assertEquals(1000 * Math.sqrt(0.8 * 1.0), category("memory").score(), 1e-9);
        assertEquals(1000 * Math.sqrt(Math.sqrt(1.1 * 0.92) * Math.sqrt(0.8)), report.overall().score(), 1e-9);
        assertEquals(2, report.overall().count());
    }

    @Test
    void intervalsComeFromTheDeltaMethodOnLogRatios() {
        double t4 = new TDistribution(4).inverseCumulativeProbability(0.9995); // five samples: df 4
        double se1 = 1 / t4 / 44;   // se(log r) = se(m) / m
        double se2 = 3 / t4 / 92;
        double mean = (Math.log(1.1) + Math.log(0.92)) / 2;
        double se = Math.sqrt(se1 * se1 + se2 * se2) / 2;
        double z = 3.2905267314919255;
        assertEquals(1000 * Math.exp(mean - z * se), category("cpu").low(), 1e-6);
        assertEquals(1000 * Math.exp(mean + z * se), category("cpu").high(), 1e-6);
        assertTrue(category("cpu").low() < category("cpu").score() && category("cpu").score() < category("cpu").high());
    }

    @Test
    void aMetricTheRunLacksIsListedWithWhy() {
        assertEquals(1, report.missing().size());
        ScoreReport.Missing m = report.missing().get(0);
        assertEquals(MetricKey.of("cpu.fft", Map.of("n", 1024, "threads", 1)), m.key());
        assertEquals("failed: fork exited with status 137", m.why());
    }

    @Test
    void aMeasurementCountsOnceAgainstItsMostSpecificExpectedResult() {
        String generic = Fixtures.BOX.replace("expected:\n", "expected:\n  - { metric: cpu.dgemm, value: 1000, unit: GFLOP/s }\n");
        Profile p = Fixtures.profile("lab-box", Fixtures.BASE, generic);
        ScoreReport r = Scoring.score(RunMeasurements.of(Fixtures.run()), p);
        assertEquals(4, r.metrics().size());
        assertEquals(1000 * Math.sqrt(1.1 * 0.92), r.categories().get(0).score(), 1e-9);
        // the generic entry covers both DGEMMs, each of which has its own: it is neither used nor missing
        assertEquals(1, r.missing().size());
    }

    @Test
    void theTableHasOneRowPerScoredMetric() {
        var t = report.table();
        assertEquals(4, t.rowCount());
        assertEquals(List.of("metric", "params", "category", "measured", "expected", "unit", "ratio", "ratioLow", "ratioHigh"),
                t.columnNames());
    }

    @Test
    void aSpecOnlyProfileGivesSharesOfTheInheritedLimits() {
        Profile base = Fixtures.profile("base-cpu", Fixtures.BASE);
        ScoreReport spec = Scoring.score(RunMeasurements.of(Fixtures.run()), base);
        assertFalse(spec.hasScore());
        Map<String, LimitShare> shares = new java.util.HashMap<>();
        spec.limitShares().forEach(s -> shares.put(s.measurement().key().toString(), s));
        // one thread against one core at 3.0 GHz x 16 = 48 GFLOP/s; four threads against all 4 cores at 2.0 GHz: 128.
        assertEquals(44 / 48.0, shares.get("cpu.dgemm{n=512,threads=1}").share(), 1e-9);
        assertEquals("fp64-peak-one-core", shares.get("cpu.dgemm{n=512,threads=1}").limit().id());
        assertEquals(92 / 128.0, shares.get("cpu.dgemm{n=512,threads=4}").share(), 1e-9);
        assertEquals(40 / 76.8, shares.get("memory.bandwidth.triad{threads=4}").share(), 1e-9);
        assertEquals(39 / 76.8, shares.get("memory.bandwidth.triad{threads=4}").shareLow(), 1e-9);
        assertFalse(shares.containsKey("memory.latency.chase{threads=1,workingSetBytes=1024}"), "a latency has no limit");
        assertTrue(shares.get("cpu.dgemm{n=512,threads=4}").describe().contains("92 GFLOP/s = 72% of fp64-peak 128 GFLOP/s"),
                shares.get("cpu.dgemm{n=512,threads=4}").describe());
    }

    @Test
    void fewerThreadsThanCoresAreHeldToTheirCoresShareOfThePeak() {
        Profile base = Fixtures.profile("base-cpu", Fixtures.BASE);
        Measurement two = RunMeasurements.of(List.of(Fixtures.ok("cpu.dgemm", Map.of("n", 512), 2, "GFLOP/s", true, 50, 1)))
                .all().get(0);
        LimitShare s = LimitShare.of(two, base).orElseThrow();
        assertEquals(128.0 * 2 / 4, s.limit().value(), 1e-9);
        assertEquals(50 / 64.0, s.share(), 1e-9);
    }
}
