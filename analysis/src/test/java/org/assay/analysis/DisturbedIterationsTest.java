package org.assay.analysis;

import org.assay.results.SecondaryMetric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisturbedIterationsTest {

    @Test
    void anOutlierIterationIsMarkedWithItsEvidenceAndTheScoreGivenBothWays() {
        List<Double> fork = List.of(100.0, 101.0, 99.0, 100.0, 102.0, 98.0, 100.0, 150.0);
        List<Map<String, SecondaryMetric>> probes = new ArrayList<>();
        for (int i = 0; i < fork.size(); i++) {
            probes.add(Map.of("probe.clock", new SecondaryMetric(i == 7 ? 2000.0 : 3000.0, "MHz"),
                    "probe.energy", new SecondaryMetric(5.0, "J"),
                    "probe.steal", new SecondaryMetric(i == 7 ? 12.0 : 0.0, "%")));
        }
        DisturbedIterations.Result r = DisturbedIterations.find(List.of(fork), List.of(probes));
        // median 100; deviations 0,1,1,0,2,2,0,50: MAD 1, scale 1.4826; 50 / 1.4826 = 33.7 > 3.5, 2 / 1.4826 = 1.35 not
        assertTrue(r.applied());
        assertEquals(1, r.marks().size());
        DisturbedIterations.Mark m = r.marks().get(0);
        assertEquals(0, m.fork());
        assertEquals(7, m.iteration());
        assertEquals(150.0, m.score());
        assertEquals(50 / 1.4826, m.deviation(), 1e-9);
        assertTrue(m.evidence().contains("probe.clock 2000 MHz (median 3000, -33%)"), m.evidence().toString());
        assertTrue(m.evidence().contains("probe.steal 12 %"), m.evidence().toString());   // median 0: no ratio
        assertFalse(m.evidence().toString().contains("energy"), "energy is no evidence of a disturbance");
        // with: 850 / 8; without: 700 / 7
        assertEquals(100.0, r.without().mean(), 1e-12);
        Map<String, Object> map = r.toMap();
        assertEquals(1, map.get("count"));
        assertEquals(100.0, (Double) map.get("scoreWithout"), 1e-12);
        assertEquals(1.4826 / 100, r.robustCv(), 1e-12);
        assertFalse(r.noisy());
        assertEquals(106.25, ForkAwareInterval.of(List.of(fork)).mean(), 1e-12);
    }

    @Test
    void aForkThatRunsFasterIsNotADisturbanceButItsOutlierIs() {
        List<List<Double>> forks = List.of(List.of(10.0, 10.1, 9.9, 10.0, 10.0), List.of(20.0, 20.1, 19.9, 20.0, 27.0));
        DisturbedIterations.Result r = DisturbedIterations.find(forks, List.of());
        // fork medians 10 and 20; residuals 0,.1,.1,0,0 and 0,.1,.1,0,7: MAD (0 + 0.1) / 2 = 0.05
        // 0.1 / (1.4826 x 0.05) = 1.35: kept; 7 / 0.0741 = 94: marked
        assertEquals(1, r.marks().size());
        assertEquals(1, r.marks().get(0).fork());
        assertEquals(4, r.marks().get(0).iteration());
        assertEquals(7 / (1.4826 * 0.05), r.marks().get(0).deviation(), 1e-6);
        assertEquals(List.of("no probe evidence for this iteration"), r.marks().get(0).evidence());
        // without it: fork means 10 and 20 -> 15 (with it: 10 and 21.4 -> 15.7)
        assertEquals(15.0, r.without().mean(), 1e-9);
        assertEquals(List.of(5, 4), r.without().iterationsPerFork());
    }

    @Test
    void aHostNoisyThroughoutIsCalledSoWithItsSpread() {
        List<Double> fork = List.of(100.0, 130.0, 80.0, 120.0, 90.0);
        DisturbedIterations.Result r = DisturbedIterations.find(List.of(fork), List.of());
        // median 100, deviations 0,30,20,20,10: MAD 20, robust CV 1.4826 x 20 / 100 = 0.297
        assertEquals(0.29652, r.robustCv(), 1e-9);
        assertTrue(r.noisy());
        assertEquals(List.of(), r.marks(), "30 / 29.65 = 1.01 scaled MADs: nothing stands out of the noise");
        // mean 104; squared deviations 16+676+576+256+196 = 1720; sd sqrt(430)
        assertEquals(Math.sqrt(430) / 104, r.cv(), 1e-12);
        assertEquals(true, r.toMap().get("noisy"));
    }

    @Test
    void tooFewIterationsOrNoSpreadMarkNothing() {
        assertFalse(DisturbedIterations.find(List.of(List.of(1.0, 1.0, 50.0)), List.of()).applied());
        DisturbedIterations.Result flat = DisturbedIterations.find(List.of(List.of(5.0, 5.0, 5.0, 5.0, 9.0)), List.of());
        assertFalse(flat.applied(), "MAD 0: no scale to measure against");
        assertEquals(5.8, flat.without().mean(), 1e-12, "nothing dropped");
    }
}
