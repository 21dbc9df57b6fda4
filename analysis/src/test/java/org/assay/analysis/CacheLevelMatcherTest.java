package org.assay.analysis;

import org.assay.analysis.CacheLevelDetector.Level;
import org.assay.analysis.CacheLevelDetector.Point;
import org.assay.analysis.CacheLevelMatcher.Doubt;
import org.assay.analysis.CacheLevelMatcher.Kind;
import org.assay.analysis.CacheLevelMatcher.Named;
import org.assay.analysis.CacheLevelMatcher.Naming;
import org.assay.analysis.CacheLevelMatcher.Reported;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assay.analysis.PublishedCurves.K;
import static org.assay.analysis.PublishedCurves.M;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Levels named after the OS's caches by size, and the evidence a mismatch needs to be a finding. */
class CacheLevelMatcherTest {

    private static Naming name(List<Point> curve, Map<Long, List<Double>> rounds, Reported... os) {
        return CacheLevelMatcher.name(CacheLevelDetector.detect(curve), curve, rounds, List.of(os));
    }

    private static Naming name(String published, Reported... os) {
        return name(PublishedCurves.load(published), Map.of(), os);
    }

    private static List<String> names(Naming n) {
        return n.levels().stream().map(Named::name).toList();
    }

    private static Reported r(String name, long bytes) {
        return new Reported(name, bytes);
    }

    @Test
    void aTlbStepBelowTheL1IsUnmatchedAndDoesNotShiftTheNames() {
        // Kaby Lake list walk, caches as the source reports them: by position the 3.3 ns level would be
        // "L2" and the 14 ns one "L3" only by luck; by size the first step matches nothing
        Naming n = name("intel-kaby-lake-laptop", r("L1", 32 * K), r("L2", 256 * K), r("L3", 4 * M));
        assertEquals(List.of("unmatched", "L1", "L3", "DRAM"), names(n));
        Named tlb = n.levels().get(0);
        assertEquals(Kind.UNMATCHED, tlb.kind());
        assertEquals(Doubt.NO_REPORTED_CACHE, tlb.doubt());
        assertNull(tlb.reported());
        // the L2 shows no knee of its own: the climb past 32 KiB runs into the TLB's reach
        assertEquals(List.of(r("L2", 256 * K)), n.withoutLevel());
    }

    @Test
    void aSweepThatStartsAboveTheL2NamesItsFirstLevelL3() {
        Naming n = name("amd-epyc-7763-lumi", r("L1", 32 * K), r("L2", 512 * K), r("L3", 32 * M));
        assertEquals(List.of("L3", "DRAM"), names(n));
        assertEquals(Kind.MATCHED, n.levels().get(0).kind());
        assertEquals(List.of(r("L1", 32 * K), r("L2", 512 * K)), n.withoutLevel());
    }

    @Test
    void raptorCoveKeepsItsThreeCachesAndTwoUnmatchedTlbSteps() {
        Naming n = name("intel-raptor-cove-i9-13900hx", r("L1", 48 * K), r("L2", 2 * M), r("L3", 36 * M));
        assertEquals(List.of("unmatched", "L1", "unmatched", "L2", "L3"), names(n));
        assertEquals(List.of(), n.withoutLevel());
        assertFalse(n.levels().stream().anyMatch(x -> x.kind() == Kind.DIFFERS));
    }

    @Test
    void appleM1MatchesBothCaches() {
        Naming n = name("apple-m1-macbook-air", r("L1", 128 * K), r("L2", 12 * M));
        assertEquals(List.of("L1", "L2", "DRAM"), names(n));
    }

    @Test
    void graviton2LevelsMatchTheArmServersCaches() {
        Naming n = name("arm-graviton2-c6g-asct-levels", r("L1", 64 * K), r("L2", M), r("L3", 32 * M));
        assertEquals(List.of("L1", "L2", "L3", "DRAM"), names(n));
        assertEquals(List.of(), n.withoutLevel());
    }

    @Test
    void aLevelBetweenTwoUnmatchedCachesIsNoFinding() {
        // Graviton4 built from ASCT's level figures: the LLC has one point, so one level (edge near
        // 8 MiB) stands where the OS reports an L2 of 2 MiB and an L3 of 36 MiB
        Naming n = name("arm-graviton4-c8g-asct-levels", r("L1", 64 * K), r("L2", 2 * M), r("L3", 36 * M));
        assertEquals(List.of("L1", "unmatched", "DRAM"), names(n));
        assertEquals(Doubt.AMBIGUOUS, n.levels().get(1).doubt());
        assertEquals(List.of(r("L2", 2 * M), r("L3", 36 * M)), n.withoutLevel());
    }

    @Test
    void twoUnmatchedLevelsWhereTheGuestReportsOneL2AreNoFinding() {
        // Xeon Gold 6338 guest: the OS says L2 4 MiB; between the matched L1 and L3 the curve has two
        // steps (124 KiB, 674 KiB) and neither is near 4 MiB. Which one would be "the L2" is a guess.
        Naming n = name("intel-xeon-gold-6338-vm", r("L1", 32 * K), r("L2", 4 * M), r("L3", 16 * M));
        assertEquals(List.of("unmatched", "L1", "unmatched", "unmatched", "L3", "DRAM"), names(n));
        assertEquals(Doubt.AMBIGUOUS, n.levels().get(2).doubt());
        assertEquals(Doubt.AMBIGUOUS, n.levels().get(3).doubt());
        assertEquals(List.of(r("L2", 4 * M)), n.withoutLevel());
        assertFalse(n.levels().stream().anyMatch(x -> x.kind() == Kind.DIFFERS));
    }

    /** A quick curve of this project's 2-vCPU EPYC guest (OS: L1d 32 KiB, L2 1 MiB, L3 32 MiB). */
    private static final double[] GUEST = {1.110, 1.110, 1.116, 1.766, 3.890, 3.911, 4.025, 5.745, 9.734, 16.44,
        86.50, 123.9, 150.9, 178.7, 200.5, 191.7};

    private static List<Point> powersOfTwoFrom4K(double[] ns) {
        List<Point> c = new ArrayList<>();
        for (int i = 0; i < ns.length; i++) {
            c.add(new Point((4 * K) << i, ns[i]));
        }
        return c;
    }

    @Test
    void theGuestsL3SliceIsAFindingWithEveryRoundPastHalfway() {
        List<Point> curve = powersOfTwoFrom4K(GUEST);
        Naming n = name(curve, Map.of(32 * M, List.of(176.0, 178.7, 181.2)),
                r("L1", 32 * K), r("L2", M), r("L3", 32 * M));
        assertEquals(List.of("L1", "L2", "L3", "DRAM"), names(n));
        Named l3 = n.levels().get(2);
        assertEquals(Kind.DIFFERS, l3.kind());
        assertEquals(Doubt.NONE, l3.doubt());
        assertEquals(List.of(), n.withoutLevel());
    }

    @Test
    void oneRoundOnTheLevelsSideOfHalfwayAtTheReportedSizeIsNoFinding() {
        // the same curve, but one of the rounds at 32 MiB read like the L3 (halfway is ~48 ns)
        List<Point> curve = powersOfTwoFrom4K(GUEST);
        Naming n = name(curve, Map.of(32 * M, List.of(176.0, 30.0, 181.2)),
                r("L1", 32 * K), r("L2", M), r("L3", 32 * M));
        Named l3 = n.levels().get(2);
        assertEquals(Kind.UNMATCHED, l3.kind());
        assertEquals(Doubt.ROUNDS_DISAGREE, l3.doubt());
        assertEquals(r("L3", 32 * M), l3.reported());
        assertEquals(List.of(r("L3", 32 * M)), n.withoutLevel());
    }

    @Test
    void aSweepThatStopsShortOfTheReportedSizeIsNoFinding() {
        // the guest's curve cut at 8 MiB: nothing was measured within a factor of two of 32 MiB
        List<Point> curve = powersOfTwoFrom4K(java.util.Arrays.copyOf(GUEST, 12));
        Named l3 = name(curve, Map.of(), r("L1", 32 * K), r("L2", M), r("L3", 32 * M)).levels().get(2);
        assertEquals(Kind.UNMATCHED, l3.kind());
        assertEquals(Doubt.NOT_MEASURED, l3.doubt());
    }

    /** Powers of two 4 KiB..128 MiB, flat levels: 1.2 ns to 32 KiB, 3.4 to 1 MiB, 12 to l3, then dram ns. */
    private static List<Point> staircase(long l3, double dram) {
        List<Point> c = new ArrayList<>();
        for (long s = 4 * K; s <= 128 * M; s *= 2) {
            c.add(new Point(s, s <= 32 * K ? 1.2 : s <= M ? 3.4 : s <= l3 ? 12 : dram));
        }
        return c;
    }

    @Test
    void aLevelBetweenOneAndOneAndAHalfOctavesOffTakesTheNameWithoutAFinding() {
        // L3 edge at 4 MiB (crossing at 5.66 MiB) against a reported 14 MiB: x2.5, named L3, no finding
        Naming n = name(staircase(4 * M, 95), Map.of(), r("L1", 32 * K), r("L2", M), r("L3", 14 * M));
        Named l3 = n.levels().get(2);
        assertEquals("L3", l3.name());
        assertEquals(Kind.MATCHED, l3.kind());
        assertFalse(CacheLevelDetector.withinOneStep(l3.level().detectedBytes(), 14 * M));
    }

    @Test
    void betweenOneAndAHalfAndTwoOctavesIsTooCloseForAFinding() {
        // the same edge against a reported 20 MiB: x3.5, past the naming tolerance, short of x4
        Named l3 = name(staircase(4 * M, 95), Map.of(), r("L1", 32 * K), r("L2", M), r("L3", 20 * M)).levels().get(2);
        assertEquals(Kind.UNMATCHED, l3.kind());
        assertEquals(Doubt.TOO_CLOSE, l3.doubt());
    }

    @Test
    void aSoftKneeIsNoFindingEvenFarFromTheReportedSize() {
        // the level after the L3 is only x1.75 slower: its edge could be a drift
        Named l3 = name(staircase(4 * M, 21), Map.of(), r("L1", 32 * K), r("L2", M), r("L3", 32 * M)).levels().get(2);
        assertEquals(Kind.UNMATCHED, l3.kind());
        assertEquals(Doubt.SOFT_KNEE, l3.doubt());
    }

    @Test
    void aClearEdgeFourTimesShortOfTheReportedSizeIsAFinding() {
        Named l3 = name(staircase(4 * M, 95), Map.of(), r("L1", 32 * K), r("L2", M), r("L3", 32 * M)).levels().get(2);
        assertEquals(Kind.DIFFERS, l3.kind());
        assertEquals(-2.5, l3.octaves(), 1e-6); // 5.66 MiB against 32 MiB
    }

    @Test
    void matchingKeepsOrderSoASmallerLevelNeverTakesALargerCache() {
        List<Level> levels = List.of(new Level("L1", 40 * K, 1, List.of()), new Level("L2", 300 * K, 4, List.of()));
        // 300 KiB is within 1.5 octaves of both 128 KiB and 512 KiB; 40 KiB only of 32 KiB
        int[] m = CacheLevelMatcher.orderedMatch(levels, List.of(r("L1", 32 * K), r("L2", 128 * K), r("L3", 512 * K)));
        assertEquals(0, m[0]);
        assertEquals(2, m[1], "nearest in log-size: 512 KiB (0.77 octaves) before 128 KiB (1.23)");
    }
}
