package org.assay.harness.derived;

import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks the measured iterations that the probe profiler says ran on a held-back chip: throttle
 * events during the iteration, or an average clock below {@value #SLOW_FRACTION} of the median
 * of all iterations. Their scores are kept (dropping them would flatter the machine); the bundle
 * lists them and the summary says how many there were.
 */
public final class IterationFlags {

    static final double SLOW_FRACTION = 0.9;
    /**
     * For a clock estimated by the add chain: it runs for about 0.1 ms on a few of the workers' CPUs
     * just after the iteration, when they have stopped, so it sees their clock under load only
     * roughly; demand a larger dip before blaming it.
     */
    static final double SLOW_FRACTION_ESTIMATED = 0.8;
    public static final String AFFECTED = "probe.iterations.affected";

    private IterationFlags() {
    }

    record Flag(int fork, int iteration, String reason) {
    }

    /** Adds {@code probe.iterations.affected} and the list of flagged iterations, when the profiler ran. */
    public static void mark(RunResult rr, Map<String, SecondaryMetric> secondary, Map<String, Object> settings) {
        List<double[]> rows = new ArrayList<>();      // fork, iteration, clock, throttle
        boolean anyProbe = false;
        boolean estimated = false;
        int fork = 0;
        for (BenchmarkResult br : rr.getBenchmarkResults()) {
            int it = 0;
            for (IterationResult ir : br.getIterationResults()) {
                Map<String, Result> s = ir.getSecondaryResults();
                double clock = score(s, "probe.clock");
                if (Double.isNaN(clock)) {
                    clock = score(s, "probe.clock.estimated");
                    estimated |= !Double.isNaN(clock);
                }
                double throttle = score(s, "probe.throttle.events");
                anyProbe |= !Double.isNaN(clock) || !Double.isNaN(throttle);
                rows.add(new double[] {fork, it, clock, throttle});
                it++;
            }
            fork++;
        }
        markRows(rows, anyProbe, estimated, secondary, settings);
    }

    /**
     * The same marks from the per-iteration secondary results of several runs merged (the forks a
     * precision target added): fork numbers count across the runs. Replaces earlier marks.
     */
    public static void mark(List<List<Map<String, SecondaryMetric>>> perFork, Map<String, SecondaryMetric> secondary,
                            Map<String, Object> settings) {
        List<double[]> rows = new ArrayList<>();
        boolean anyProbe = false;
        boolean estimated = false;
        for (int fork = 0; fork < perFork.size(); fork++) {
            List<Map<String, SecondaryMetric>> its = perFork.get(fork);
            for (int it = 0; it < its.size(); it++) {
                double clock = score(its.get(it).get("probe.clock"));
                if (Double.isNaN(clock)) {
                    clock = score(its.get(it).get("probe.clock.estimated"));
                    estimated |= !Double.isNaN(clock);
                }
                double throttle = score(its.get(it).get("probe.throttle.events"));
                anyProbe |= !Double.isNaN(clock) || !Double.isNaN(throttle);
                rows.add(new double[] {fork, it, clock, throttle});
            }
        }
        settings.remove("probeAffectedIterations");
        markRows(rows, anyProbe, estimated, secondary, settings);
    }

    private static double score(SecondaryMetric m) {
        return m == null || m.score() == null ? Double.NaN : m.score();
    }

    private static void markRows(List<double[]> rows, boolean anyProbe, boolean estimated,
                                 Map<String, SecondaryMetric> secondary, Map<String, Object> settings) {
        if (!anyProbe) {
            return;
        }
        List<Flag> flags = flag(rows, estimated ? SLOW_FRACTION_ESTIMATED : SLOW_FRACTION);
        secondary.put(AFFECTED, new SecondaryMetric((double) flags.size(), "iterations"));
        if (!flags.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Flag f : flags) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("fork", f.fork());
                m.put("iteration", f.iteration());
                m.put("reason", f.reason());
                list.add(m);
            }
            settings.put("probeAffectedIterations", list);
        }
    }

    static List<Flag> flag(List<double[]> rows) {
        return flag(rows, SLOW_FRACTION);
    }

    static List<Flag> flag(List<double[]> rows, double slowFraction) {
        double[] clocks = rows.stream().mapToDouble(r -> r[2]).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double median = clocks.length == 0 ? Double.NaN
                : clocks.length % 2 == 1 ? clocks[clocks.length / 2]
                : (clocks[clocks.length / 2 - 1] + clocks[clocks.length / 2]) / 2;
        List<Flag> flags = new ArrayList<>();
        for (double[] r : rows) {
            String reason = null;
            if (!Double.isNaN(r[3]) && r[3] > 0) {
                reason = String.format(java.util.Locale.ROOT, "%.0f throttle event(s)", r[3]);
            } else if (!Double.isNaN(r[2]) && !Double.isNaN(median) && r[2] < slowFraction * median) {
                reason = String.format(java.util.Locale.ROOT, "clock %.0f MHz, median %.0f MHz", r[2], median);
            }
            if (reason != null) {
                flags.add(new Flag((int) r[0], (int) r[1], reason));
            }
        }
        return flags;
    }

    /**
     * A sweep measures its points in rotation (iteration k belongs to point k mod n): each point's
     * result keeps only its own flagged iterations, instead of the whole sweep's count.
     */
    public static List<InvocationResult> perPoint(List<InvocationResult> points, int n) {
        List<InvocationResult> out = new ArrayList<>(points.size());
        for (InvocationResult r : points) {
            Object j = r.settings() == null ? null : r.settings().get("sweepPoint");
            if (!(j instanceof Integer) || r.secondary() == null || !r.secondary().containsKey(AFFECTED)) {
                out.add(r);
                continue;
            }
            int point = (Integer) j;
            List<Map<String, Object>> mine = new ArrayList<>();
            Object all = r.settings().get("probeAffectedIterations");
            if (all instanceof List<?>) {
                for (Object o : (List<?>) all) {
                    if (o instanceof Map<?, ?> m && m.get("iteration") instanceof Integer it && it % n == point) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> flag = (Map<String, Object>) m;
                        mine.add(flag);
                    }
                }
            }
            Map<String, Object> settings = new LinkedHashMap<>(r.settings());
            settings.remove("probeAffectedIterations");
            if (!mine.isEmpty()) {
                settings.put("probeAffectedIterations", mine);
            }
            Map<String, SecondaryMetric> secondary = new LinkedHashMap<>(r.secondary());
            secondary.put(AFFECTED, new SecondaryMetric((double) mine.size(), "iterations"));
            out.add(r.toBuilder().secondary(secondary).settings(settings).build());
        }
        return out;
    }

    private static double score(Map<String, Result> s, String name) {
        Result r = s.get(name);
        return r == null ? Double.NaN : r.getScore();
    }
}
