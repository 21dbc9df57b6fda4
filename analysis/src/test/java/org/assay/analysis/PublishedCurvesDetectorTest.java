package org.assay.analysis;

import org.assay.analysis.CacheLevelDetector.Level;
import org.assay.analysis.CacheLevelDetector.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assay.analysis.PublishedCurves.K;
import static org.assay.analysis.PublishedCurves.M;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detector on curves published for other machines (sources in each file's header). Each level's
 * capacity is asserted to lie between the two measured sets around its knee, and its latency is
 * the median of the plateau's published values.
 */
class PublishedCurvesDetectorTest {

    private static void between(Level l, long lo, long hi) {
        assertTrue(l.detectedBytes() > lo && l.detectedBytes() < hi,
                l.name() + " at " + l.detectedBytes() + " B, expected between " + lo + " and " + hi);
    }

    private static List<Long> sizes(Level l) {
        return l.plateau().stream().map(Point::bytes).toList();
    }

    @Test
    void kabyLakeListWalkShowsTheTlbStepTheL1AndTheL3ButNoL2() {
        // one line per 4 KiB page: the step at 4 -> 8 KiB is 64 -> 128 pages, not a cache; from 32 KiB
        // the curve climbs x1.6 per doubling to 256 KiB (the L1 edge, then the STLB's reach) with no
        // L2 plateau between, so the L1 ends where that climb starts
        List<Level> levels = CacheLevelDetector.detect(PublishedCurves.load("intel-kaby-lake-laptop"));
        assertEquals(List.of("L1", "L2", "L3", "DRAM"), levels.stream().map(Level::name).toList());
        between(levels.get(0), 4 * K, 8 * K);
        assertEquals(List.of(8 * K, 16 * K, 32 * K), sizes(levels.get(1)));
        assertEquals(3.32, levels.get(1).latencyNs(), 1e-9);
        between(levels.get(1), 32 * K, 64 * K);
        assertEquals(List.of(256 * K, 512 * K, M, 2 * M), sizes(levels.get(2)));
        assertEquals(14.2, levels.get(2).latencyNs(), 1e-9);
        between(levels.get(2), 2 * M, 4 * M);
        assertEquals(8 * M, levels.get(3).detectedBytes(), "4 MiB at 63 ns is the knee's shoulder, not DRAM");
    }

    @Test
    void epycMilanCurveFromOneMebibyteHasTheCcdL3AndDram() {
        List<Point> curve = PublishedCurves.load("amd-epyc-7763-lumi");
        List<Level> levels = CacheLevelDetector.detect(curve);
        assertEquals(2, levels.size(), levels.toString());
        Level l3 = levels.get(0);
        assertEquals(List.of(M, 2 * M, 4 * M, 8 * M, 16 * M), sizes(l3), "32 MiB (27 ns) is on the knee");
        assertEquals(14.26, l3.latencyNs(), 1e-9);
        between(l3, 32 * M, 64 * M);
        assertTrue(CacheLevelDetector.withinOneStep(l3.detectedBytes(), 32 * M), "the 32 MiB L3 of one CCD");
        assertEquals("DRAM", levels.get(1).name());
        assertEquals(64 * M, levels.get(1).detectedBytes());
    }

    @Test
    void everyRankOfTheEpycRunSeesTheSameLevels() {
        // eight ranks measured at once, each on its own CCD: the same two levels in every column
        int ranks = PublishedCurves.columns("amd-epyc-7763-lumi");
        assertEquals(8, ranks);
        for (int r = 1; r <= ranks; r++) {
            List<Level> levels = CacheLevelDetector.detect(PublishedCurves.load("amd-epyc-7763-lumi", r));
            assertEquals(2, levels.size(), "rank " + (r - 1) + ": " + levels);
            between(levels.get(0), 32 * M, 64 * M);
            assertEquals(64 * M, levels.get(1).detectedBytes(), "rank " + (r - 1));
        }
    }

    @Test
    void appleM1HasItsLargeL1AndL2AndNoSeparateSlcLevel() {
        List<Level> levels = CacheLevelDetector.detect(PublishedCurves.load("apple-m1-macbook-air"));
        assertEquals(List.of("L1", "L2", "DRAM"), levels.stream().map(Level::name).toList());
        between(levels.get(0), 128 * K, 155853);
        assertTrue(CacheLevelDetector.withinOneStep(levels.get(0).detectedBytes(), 128 * K));
        assertEquals(5.48, levels.get(1).latencyNs(), 1e-9);
        assertFalse(sizes(levels.get(1)).contains(8 * M), "8 MiB at 10.7 ns is where the climb starts");
        // the climb from 4 to 32 MiB is steepest between 13.5 and 19 MiB: one knee with a soft start
        between(levels.get(1), 14155776, 19922944);
        assertTrue(CacheLevelDetector.withinOneStep(levels.get(1).detectedBytes(), 12 * M));
        assertEquals(32 * M, levels.get(2).detectedBytes());
    }

    @Test
    void raptorCoveListWalkHasTwoTlbStepsBesideItsThreeCachesAndEndsBeforeDram() {
        List<Level> levels = CacheLevelDetector.detect(PublishedCurves.load("intel-raptor-cove-i9-13900hx"));
        assertEquals(5, levels.size(), levels.toString());
        assertFalse(levels.stream().anyMatch(l -> l.name().equals("DRAM")),
                "the sweep ends at 48 MiB still climbing, with no DRAM plateau");
        between(levels.get(0), 4 * K, 8 * K);      // DTLB: 64 -> 128 pages
        between(levels.get(1), 32 * K, 48 * K);    // L1d 48 KiB
        between(levels.get(2), 128 * K, 144 * K);  // STLB: 2048 pages at 128 KiB
        between(levels.get(3), 1536 * K, 2 * M);   // L2 2 MiB
        assertEquals(24 * M, levels.get(4).detectedBytes(), "the last level ends at its last set: no next plateau");
        assertEquals(16.4, levels.get(4).latencyNs(), 1e-9);
        assertFalse(levels.stream().anyMatch(l -> sizes(l).contains(36 * M)),
                "36 and 40 MiB read alike but span less than a doubling: no level");
    }

    @Test
    void xeonGold6338GuestRepeatsAreMergedAndItsLevelsFound() {
        List<Point> curve = PublishedCurves.load("intel-xeon-gold-6338-vm");
        assertEquals(2, curve.stream().filter(p -> p.bytes() == M).count(), "1024 KB was measured twice");
        List<Level> levels = CacheLevelDetector.detect(curve);
        assertEquals(6, levels.size(), levels.toString());
        between(levels.get(0), 4 * K, 8 * K);
        between(levels.get(1), 32 * K, 48 * K);
        between(levels.get(2), 112 * K, 128 * K);
        between(levels.get(3), 512 * K, M);
        Level big = levels.get(4);
        assertEquals(Math.sqrt(43.0 * 42.9), PublishedCurves.at(CacheLevelDetector.mergeRepeatedSizes(curve), M), 1e-9,
                "one point at the geometric mean of the two");
        between(big, 8 * M, 16 * M);
        assertEquals("DRAM", levels.get(5).name());
        assertEquals(16 * M, levels.get(5).detectedBytes());
    }

    @Test
    void graviton2StepsBuiltFromAsctLevelFiguresGiveTheirEdgesAtTheGeometricMidpoints() {
        // a step function (see the file: built from per-level figures, not a sweep), so each crossing
        // is exactly halfway in log-size between the last set of one level and the first of the next
        List<Level> levels = CacheLevelDetector.detect(PublishedCurves.load("arm-graviton2-c6g-asct-levels"));
        assertEquals(List.of("L1", "L2", "L3", "DRAM"), levels.stream().map(Level::name).toList());
        assertEquals(64 * K, levels.get(0).detectedBytes());                  // between 32 and 128 KiB
        assertEquals(Math.round(512 * K * Math.sqrt(2)), levels.get(1).detectedBytes());
        assertEquals(Math.round(32 * M * Math.sqrt(2)), levels.get(2).detectedBytes());
        assertEquals(64 * M, levels.get(3).detectedBytes());
        assertEquals(28.8, levels.get(2).latencyNs(), 1e-9);
    }

    @Test
    void graviton4LevelFiguresGiveTheLlcOnePointSoItIsNoLevel() {
        // the source assigned only 8 MiB to the LLC; one point is a transition, and the L2's edge is
        // then taken halfway to DRAM, which the 8 MiB point (21.2 ns) just passes
        List<Level> levels = CacheLevelDetector.detect(PublishedCurves.load("arm-graviton4-c8g-asct-levels"));
        assertEquals(List.of("L1", "L2", "DRAM"), levels.stream().map(Level::name).toList());
        assertEquals(128 * K, levels.get(0).detectedBytes());
        between(levels.get(1), M, 8 * M);
        assertFalse(levels.stream().anyMatch(l -> sizes(l).contains(8 * M)));
    }
}
