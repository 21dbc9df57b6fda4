package org.assay.analysis;

import org.assay.analysis.CacheLevelDetector.Level;
import org.assay.analysis.CacheLevelDetector.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names the levels {@link CacheLevelDetector} found after the caches the OS reports, by size: a
 * level takes the name of the reported cache nearest to it in log-size, within
 * {@link #NAME_OCTAVES}, keeping both in order (the smaller level never takes the larger cache).
 * The detector's own names count plateaus, so a TLB step below the L1 edge, or an L1 and L2 the
 * sweep starts above, would shift every later name; matching by size does not.
 *
 * <p>A level no cache is near is {@link Kind#UNMATCHED}: a TLB's reach (a list walk with one line
 * per page steps where the page count passes the DTLB's entries), a cache the OS does not report, or
 * a reported cache that behaves at another size. It is the last only when the evidence is clear,
 * {@link Kind#DIFFERS}: it is the one unmatched level between two matched neighbours (or the curve's
 * ends) where exactly one reported cache is unmatched too, and
 * <ul>
 * <li>the two are at least {@link #FINDING_OCTAVES} apart (x4; closer is within what a
 * powers-of-two sweep and the crossing's interpolation can blur),</li>
 * <li>the knee out of the level is sharp: the next level is at least {@link #CLEAR_KNEE} times
 * slower, so the level's edge is not a drift,</li>
 * <li>the curve has a set within a factor of two of the reported size, and in every measured round
 * that set is on the far side of the level's halfway latency: past it when the level behaves
 * smaller than reported, short of it when larger. One round on the wrong side and it is noise or a
 * level that comes and goes, not a finding.</li>
 * </ul>
 */
public final class CacheLevelMatcher {

    /**
     * How far a level may be from a reported cache and still take its name: 1.5 octaves (x2.8), one
     * step of a powers-of-two sweep (x2) times the half step by which the halfway crossing can sit
     * past a sharp edge (x1.41).
     */
    public static final double NAME_OCTAVES = 1.5;
    /** A level and an unmatched reported cache this many octaves apart (x4) can be a finding. */
    public static final double FINDING_OCTAVES = 2.0;
    /** The next level must be this many times slower for the knee to count as a clear edge. */
    public static final double CLEAR_KNEE = 2.0;

    /** A cache the OS reports: its name ({@code L1}, {@code L2}, ...) and one instance's size. */
    public record Reported(String name, long bytes) {
    }

    public enum Kind { MATCHED, DIFFERS, UNMATCHED, DRAM }

    /** Why an unmatched level is not a finding; {@code NONE} for matched, differing and DRAM levels. */
    public enum Doubt {
        NONE,
        /** No reported cache is left unmatched next to it. */
        NO_REPORTED_CACHE,
        /** Several unmatched levels or several unmatched caches between the same neighbours. */
        AMBIGUOUS,
        /** Less than {@link #FINDING_OCTAVES} from the unmatched cache. */
        TOO_CLOSE,
        /** The next level is less than {@link #CLEAR_KNEE} times slower, or there is none. */
        SOFT_KNEE,
        /** No set within a factor of two of the reported size. */
        NOT_MEASURED,
        /** A round at the set nearest the reported size reads on the level's side of halfway. */
        ROUNDS_DISAGREE
    }

    /**
     * @param reported the cache the level is named after (MATCHED, DIFFERS) or, for an UNMATCHED
     *                 level, the one unmatched cache next to it if there is exactly one
     * @param octaves  log2(detected / reported); NaN without a reported cache
     * @param kneeRatio the next level's latency over this one's; NaN for the last level
     */
    public record Named(Level level, Kind kind, Reported reported, double octaves, double kneeRatio, Doubt doubt) {
        /** The reported cache's name, {@code DRAM}, or {@code unmatched}. */
        public String name() {
            return switch (kind) {
                case MATCHED, DIFFERS -> reported.name();
                case DRAM -> "DRAM";
                case UNMATCHED -> "unmatched";
            };
        }
    }

    /** The levels in curve order, and the reported caches no level took. */
    public record Naming(List<Named> levels, List<Reported> withoutLevel) {
    }

    private CacheLevelMatcher() {
    }

    /**
     * @param levels   as {@link CacheLevelDetector#detect} returned them for {@code curve}
     * @param curve    the measured points
     * @param rounds   each set's per-round latencies (JMH iterations); a set without an entry counts
     *                 as one round at its point's latency
     * @param reported the OS's data or unified caches, smallest level first
     */
    public static Naming name(List<Level> levels, List<Point> curve, Map<Long, List<Double>> rounds,
                              List<Reported> reported) {
        List<Level> caches = levels.stream().filter(l -> !"DRAM".equals(l.name())).toList();
        int[] match = orderedMatch(caches, reported); // match[i]: index into reported, or -1

        List<Named> named = new ArrayList<>();
        List<Reported> withoutLevel = new ArrayList<>();
        boolean[] taken = new boolean[reported.size()];
        for (int m : match) {
            if (m >= 0) {
                taken[m] = true;
            }
        }
        int i = 0;
        int prevReported = -1;
        while (i <= caches.size()) {
            // a gap: the unmatched levels up to the next matched one (or the end), and the unmatched
            // reported caches between the neighbouring matches
            int j = i;
            while (j < caches.size() && match[j] < 0) {
                j++;
            }
            int nextReported = j < caches.size() ? match[j] : reported.size();
            List<Integer> gapReported = new ArrayList<>();
            for (int r = prevReported + 1; r < nextReported; r++) {
                if (!taken[r]) {
                    gapReported.add(r);
                }
            }
            int gapLevels = j - i;
            for (int k = i; k < j; k++) {
                Level l = caches.get(k);
                double knee = kneeRatio(levels, l);
                if (gapReported.isEmpty()) {
                    named.add(new Named(l, Kind.UNMATCHED, null, Double.NaN, knee, Doubt.NO_REPORTED_CACHE));
                } else if (gapLevels > 1 || gapReported.size() > 1) {
                    named.add(new Named(l, Kind.UNMATCHED, null, Double.NaN, knee, Doubt.AMBIGUOUS));
                } else {
                    Reported r = reported.get(gapReported.get(0));
                    double oct = octaves(l.detectedBytes(), r.bytes());
                    Doubt doubt = doubt(levels, l, r, oct, knee, curve, rounds);
                    named.add(new Named(l, doubt == Doubt.NONE ? Kind.DIFFERS : Kind.UNMATCHED, r, oct, knee, doubt));
                    if (doubt == Doubt.NONE) {
                        gapReported.clear();
                    }
                }
            }
            for (int r : gapReported) {
                withoutLevel.add(reported.get(r));
            }
            if (j < caches.size()) {
                Level l = caches.get(j);
                Reported r = reported.get(match[j]);
                named.add(new Named(l, Kind.MATCHED, r, octaves(l.detectedBytes(), r.bytes()), kneeRatio(levels, l),
                        Doubt.NONE));
                prevReported = match[j];
            }
            i = j + 1;
        }
        for (Level l : levels) {
            if ("DRAM".equals(l.name())) {
                named.add(new Named(l, Kind.DRAM, null, Double.NaN, Double.NaN, Doubt.NONE));
            }
        }
        return new Naming(List.copyOf(named), List.copyOf(withoutLevel));
    }

    /**
     * The order-keeping assignment of levels to reported caches within {@link #NAME_OCTAVES} with the
     * most matches, and of those the least total distance in log-size: a small dynamic programme
     * (a curve has a handful of levels, a machine three or four caches).
     */
    static int[] orderedMatch(List<Level> caches, List<Reported> reported) {
        int n = caches.size(), m = reported.size();
        int[][] count = new int[n + 1][m + 1];
        double[][] dist = new double[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int c = count[i - 1][j];
                double d = dist[i - 1][j];
                if (count[i][j - 1] > c || count[i][j - 1] == c && dist[i][j - 1] < d) {
                    c = count[i][j - 1];
                    d = dist[i][j - 1];
                }
                double o = Math.abs(octaves(caches.get(i - 1).detectedBytes(), reported.get(j - 1).bytes()));
                if (o <= NAME_OCTAVES) {
                    int cm = count[i - 1][j - 1] + 1;
                    double dm = dist[i - 1][j - 1] + o;
                    if (cm > c || cm == c && dm < d) {
                        c = cm;
                        d = dm;
                    }
                }
                count[i][j] = c;
                dist[i][j] = d;
            }
        }
        int[] match = new int[n];
        java.util.Arrays.fill(match, -1);
        for (int i = n, j = m; i > 0 && j > 0; ) {
            double o = Math.abs(octaves(caches.get(i - 1).detectedBytes(), reported.get(j - 1).bytes()));
            if (o <= NAME_OCTAVES && count[i][j] == count[i - 1][j - 1] + 1
                    && Math.abs(dist[i][j] - (dist[i - 1][j - 1] + o)) < 1e-9) {
                match[i - 1] = j - 1;
                i--;
                j--;
            } else if (count[i][j] == count[i - 1][j] && Math.abs(dist[i][j] - dist[i - 1][j]) < 1e-9) {
                i--;
            } else {
                j--;
            }
        }
        return match;
    }

    private static Doubt doubt(List<Level> levels, Level l, Reported r, double oct, double knee, List<Point> curve,
                               Map<Long, List<Double>> rounds) {
        if (Math.abs(oct) < FINDING_OCTAVES) {
            return Doubt.TOO_CLOSE;
        }
        if (!(knee >= CLEAR_KNEE)) {
            return Doubt.SOFT_KNEE;
        }
        Point nearest = null;
        for (Point p : curve) {
            if (nearest == null || Math.abs(octaves(p.bytes(), r.bytes())) < Math.abs(octaves(nearest.bytes(), r.bytes()))) {
                nearest = p;
            }
        }
        if (nearest == null || Math.abs(octaves(nearest.bytes(), r.bytes())) > 1) {
            return Doubt.NOT_MEASURED;
        }
        double halfway = Math.sqrt(l.latencyNs() * l.latencyNs() * knee);
        boolean smaller = oct < 0;
        for (double ns : rounds.getOrDefault(nearest.bytes(), List.of(nearest.latencyNs()))) {
            if (smaller ? ns < halfway : ns > halfway) {
                return Doubt.ROUNDS_DISAGREE;
            }
        }
        return Doubt.NONE;
    }

    /** The next level's latency over this one's; NaN for the last. */
    private static double kneeRatio(List<Level> levels, Level l) {
        int k = levels.indexOf(l);
        return k + 1 < levels.size() ? levels.get(k + 1).latencyNs() / l.latencyNs() : Double.NaN;
    }

    static double octaves(long detected, long reported) {
        return Math.log((double) detected / reported) / Math.log(2);
    }
}
