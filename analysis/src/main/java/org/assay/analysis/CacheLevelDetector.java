package org.assay.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the plateaus of a pointer-chase latency curve (latency against working-set size): the
 * cache levels and DRAM as the machine actually behaves, to be set beside the cache sizes the OS
 * reports. A mismatch can be a finding (a VM's slice of a shared L3, a cache partitioned by the
 * hypervisor), not an error; {@link CacheLevelMatcher} says when the evidence is clear enough.
 *
 * <p>Method: between neighbouring points the curve's elasticity
 * {@code ln(L2/L1) / ln(B2/B1)} is small on a plateau and large at a knee. Thresholds alone
 * cannot separate them on a VM: its L3 slice climbs by up to x1.67 per doubling (10 ns at 1 MiB,
 * 16 ns at 2 MiB, 22 ns at 4 MiB) while the L2-to-L3 knee can be as soft as x1.46 then x1.67.
 * So a step is a knee if it is steep in itself ({@link #STEEP}, x2 per doubling), or if it is
 * at least {@link #RISING} (x1.41) and steeper than both neighbouring steps: the knee is where
 * the climb is fastest, a plateau's drift is never its own local maximum of steepness for long.
 * Points between knees form a run; a run without the end points on a knee's shoulder
 * ({@link #TRIM_RATIO}) is a plateau if it keeps two points and spans a doubling of the set; other
 * points are transitions (a set that is partly in one level, partly in the next). Neighbouring
 * plateaus whose latencies differ by less than {@link #MERGE_RATIO} are one level split by noise.
 * The last plateau is DRAM when the curve has more than one and it holds the largest set; the
 * others are L1, L2, ... in order. Those names only count plateaus: {@link CacheLevelMatcher} names
 * the levels after the caches the OS reports, by size.
 *
 * <p>A cache level's {@code detectedBytes} is its capacity as the chase sees it: the working set
 * where the curve crosses halfway (geometrically) from this level's latency to the next one's (a
 * climb of several knees ends the level at its start, see {@code capacity}); for DRAM it is the
 * smallest set at DRAM latency; for a last cache level with no plateau after it, its largest set.
 * A level reaches the detector only if the curve has two points on it: a powers-of-two curve can
 * miss a small level.
 */
public final class CacheLevelDetector {

    /** Elasticity that is a knee on its own: latency doubles (or more) within a doubling. */
    public static final double STEEP = 1.0;
    /**
     * Elasticity that is a knee when it is also steeper than both neighbouring steps: x1.41 per
     * doubling. DRAM's TLB drift stays below 0.3 (x1.2); the L3 slice's climb reaches 0.74 but
     * sits between the steeper L2-to-L3 step and the much steeper step into DRAM.
     */
    public static final double RISING = 0.5;
    static final double MERGE_RATIO = 1.4;
    /**
     * A point more than x1.5 off its plateau's median is not on it. Below that the L2 plateau of
     * this VM keeps its 512 KiB point (5.7 ns against 3.9: a set at a cache's size is partly
     * evicted), above it go the shoulders of knees (x1.6 to x1.9 in the published curves).
     */
    static final double TRIM_RATIO = 1.5;

    public record Point(long bytes, double latencyNs) {
    }

    /**
     * @param name          {@code L1}, {@code L2}, ... or {@code DRAM}
     * @param detectedBytes see the class comment
     * @param latencyNs     the median latency of the plateau's points
     */
    public record Level(String name, long detectedBytes, double latencyNs, List<Point> plateau) {
    }

    private CacheLevelDetector() {
    }

    public static List<Level> detect(List<Point> curve) {
        List<Point> pts = mergeRepeatedSizes(curve);
        if (pts.size() < 3) {
            return List.of();
        }
        double[] e = new double[pts.size()]; // e[i]: the step from point i-1 to point i
        for (int i = 1; i < pts.size(); i++) {
            e[i] = elasticity(pts.get(i - 1), pts.get(i));
        }
        List<List<Point>> runs = new ArrayList<>();
        List<Point> run = new ArrayList<>(List.of(pts.get(0)));
        for (int i = 1; i < pts.size(); i++) {
            Point b = pts.get(i);
            double before = i > 1 ? e[i - 1] : Double.NEGATIVE_INFINITY;
            double after = i + 1 < pts.size() ? e[i + 1] : Double.NEGATIVE_INFINITY;
            boolean knee = e[i] > STEEP || (e[i] > RISING && e[i] > before && e[i] >= after);
            if (knee) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(b);
        }
        runs.add(run);

        List<List<Point>> plateaus = new ArrayList<>();
        for (List<Point> r : runs) {
            List<Point> kept = trimmed(r);
            if (kept.size() < 2 || kept.get(kept.size() - 1).bytes() < 2 * kept.get(0).bytes()) {
                continue; // a transition, or too short a run to be a level
            }
            List<Point> last = plateaus.isEmpty() ? null : plateaus.get(plateaus.size() - 1);
            boolean adjacent = last != null
                    && pts.indexOf(kept.get(0)) == pts.indexOf(last.get(last.size() - 1)) + 1;
            if (adjacent && median(kept) / median(last) < MERGE_RATIO) {
                last.addAll(kept);
            } else {
                plateaus.add(kept);
            }
        }

        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < plateaus.size(); i++) {
            List<Point> p = plateaus.get(i);
            boolean dram = plateaus.size() > 1 && i == plateaus.size() - 1 && p.contains(pts.get(pts.size() - 1));
            long bytes = dram ? p.get(0).bytes()
                    : i + 1 < plateaus.size() ? capacity(pts, p, plateaus.get(i + 1))
                    : p.get(p.size() - 1).bytes();
            levels.add(new Level(dram ? "DRAM" : "L" + (i + 1), bytes, median(p), List.copyOf(p)));
        }
        return levels;
    }

    /**
     * The points sorted by size, without unusable ones; a size measured more than once (some sweeps
     * repeat a point) becomes one point at the geometric mean of its latencies, since a zero-width
     * step has no elasticity.
     */
    static List<Point> mergeRepeatedSizes(List<Point> curve) {
        TreeMap<Long, List<Double>> bySize = new TreeMap<>();
        for (Point p : curve) {
            if (p.latencyNs() > 0 && p.bytes() > 0 && Double.isFinite(p.latencyNs())) {
                bySize.computeIfAbsent(p.bytes(), k -> new ArrayList<>()).add(p.latencyNs());
            }
        }
        List<Point> pts = new ArrayList<>();
        for (Map.Entry<Long, List<Double>> s : bySize.entrySet()) {
            List<Double> ns = s.getValue();
            pts.add(ns.size() == 1 ? new Point(s.getKey(), ns.get(0))
                    : new Point(s.getKey(), Math.exp(ns.stream().mapToDouble(Math::log).average().orElseThrow())));
        }
        return pts;
    }

    static double elasticity(Point a, Point b) {
        return Math.log(b.latencyNs() / a.latencyNs()) / Math.log((double) b.bytes() / a.bytes());
    }

    /**
     * A run without the end points that lie more than {@link #TRIM_RATIO} off its median, the worse
     * end first and the median taken again after each: the first or last point of a run can sit on
     * the knee's shoulder (the EPYC 7763's 32 MiB point reads 27 ns against an L3 of 14 ns) without
     * the step into it being steep enough to be a knee of its own.
     */
    static List<Point> trimmed(List<Point> run) {
        List<Point> r = new ArrayList<>(run);
        while (r.size() > 2) {
            double m = median(r);
            double first = offBy(r.get(0).latencyNs(), m), last = offBy(r.get(r.size() - 1).latencyNs(), m);
            if (Math.max(first, last) <= TRIM_RATIO) {
                break;
            }
            r.remove(last >= first ? r.size() - 1 : 0);
        }
        return r;
    }

    private static double offBy(double v, double m) {
        return v > m ? v / m : m / v;
    }

    /**
     * The capacity of a cache level: {@link #halfway} to the next level's latency, except when the
     * climb to the next plateau is several knees rather than one. It is taken to be several when it
     * spans more than two doublings, holds two points or more, and no step in it is twice as steep
     * as its first: an even climb (Kaby Lake's list walk climbs x1.6 per doubling from 32 KiB to
     * 256 KiB: the L1 edge, then the TLB's reach, with no L2 plateau between). A climb whose steepest
     * step stands out is one knee with a soft start (the Apple M1's L2 from 4 to 32 MiB, steepest
     * between 13.5 and 19 MiB). For several knees the level ends halfway to the first point past it.
     */
    static long capacity(List<Point> pts, List<Point> plateau, List<Point> next) {
        Point end = plateau.get(plateau.size() - 1), start = next.get(0);
        List<Point> climb = pts.subList(pts.indexOf(end), pts.indexOf(start) + 1);
        double here = median(plateau);
        if (climb.size() >= 4 && start.bytes() > 4 * end.bytes()) {
            double first = elasticity(climb.get(0), climb.get(1)), steepest = first;
            for (int k = 2; k < climb.size(); k++) {
                steepest = Math.max(steepest, elasticity(climb.get(k - 1), climb.get(k)));
            }
            if (first > 0 && steepest < 2 * first) {
                return halfway(pts, plateau, here, climb.get(1).latencyNs());
            }
        }
        return halfway(pts, plateau, here, median(next));
    }

    /**
     * The working set at which the curve crosses the geometric midpoint of this plateau's latency
     * and the next one's, interpolated in log-log between the two points around the crossing.
     * The last point still on the plateau would depend on one noisy point at the level's edge
     * (a set exactly the size of a cache is partly evicted by conflicts and varies by x2 between
     * runs); the crossing uses the whole knee.
     */
    static long halfway(List<Point> pts, List<Point> plateau, double here, double next) {
        double target = Math.sqrt(here * next);
        int start = pts.indexOf(plateau.get(plateau.size() - 1));
        for (int k = Math.max(1, start); k < pts.size(); k++) {
            Point a = pts.get(k - 1), b = pts.get(k);
            if (a.latencyNs() <= target && b.latencyNs() > target) {
                double f = Math.log(target / a.latencyNs()) / Math.log(b.latencyNs() / a.latencyNs());
                return Math.round(Math.exp(Math.log(a.bytes()) + f * Math.log((double) b.bytes() / a.bytes())));
            }
        }
        return plateau.get(plateau.size() - 1).bytes();
    }

    static double median(List<Point> pts) {
        double[] v = pts.stream().mapToDouble(Point::latencyNs).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * Whether a detected size is within one step of the size the OS reports: a factor of two
     * either way, the spacing of a powers-of-two curve.
     */
    public static boolean withinOneStep(long detectedBytes, long reportedBytes) {
        return reportedBytes > 0 && detectedBytes * 2 >= reportedBytes && detectedBytes <= reportedBytes * 2;
    }
}
