package org.assay.harness.execution;

import org.assay.harness.derived.IntervalResults;
import org.assay.harness.derived.IterationFlags;
import org.assay.harness.plan.PlanEntry;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reported results of one invocation from its JMH runs: the planned run, plus the forks a
 * precision target added. The forks of all successful runs are merged in order (a failed added
 * run contributes nothing; why is in the precision outcome), JMH's per-run aggregates are redone
 * over the merged iterations, and every result gets its fork-aware interval and disturbed marks
 * ({@link IntervalResults}); a sweep's points each from their own iterations.
 */
final class MeasuredInvocation {

    private MeasuredInvocation() {
    }

    static List<InvocationResult> results(PlanEntry entry, List<JmhInvocation.Outcome> runs,
                                          Map<String, Object> precision) {
        JmhInvocation.Outcome first = runs.get(0);
        if (!first.ok()) {
            return first.results(entry);
        }
        List<JmhInvocation.Outcome> ok = runs.stream().filter(JmhInvocation.Outcome::ok).toList();
        List<List<Double>> perFork = perFork(ok);
        List<List<Map<String, SecondaryMetric>>> secondaryPerFork = new ArrayList<>();
        ok.forEach(o -> secondaryPerFork.addAll(o.secondaryPerFork()));
        JmhInvocation.Outcome merged = ok.size() == 1 ? first : merge(ok, perFork, secondaryPerFork);
        List<InvocationResult> out = new ArrayList<>();
        for (InvocationResult r : merged.results(entry)) {
            Object j = r.settings() == null ? null : r.settings().get("sweepPoint");
            Object n = r.settings() == null ? null : r.settings().get("sweepPoints");
            if (j instanceof Integer point && n instanceof Integer points) {
                out.add(IntervalResults.apply(r, IntervalResults.point(perFork, point, points),
                        IntervalResults.point(secondaryPerFork, point, points), precision));
            } else {
                out.add(IntervalResults.apply(r, perFork, secondaryPerFork, precision));
            }
        }
        return out;
    }

    /** The measured samples of the successful runs, fork by fork. */
    static List<List<Double>> perFork(List<JmhInvocation.Outcome> runs) {
        List<List<Double>> out = new ArrayList<>();
        for (JmhInvocation.Outcome o : runs) {
            if (o.ok()) {
                out.addAll(o.perFork());
            }
        }
        return out;
    }

    /**
     * One outcome as if JMH had run all the forks at once: all samples, the first run's start and
     * the last one's end, the real fork count, and the per-iteration secondary results averaged
     * (event counts summed, as JMH does) over every iteration.
     */
    private static JmhInvocation.Outcome merge(List<JmhInvocation.Outcome> ok, List<List<Double>> perFork,
                                               List<List<Map<String, SecondaryMetric>>> secondaryPerFork) {
        InvocationResult first = ok.get(0).whole();
        List<Double> samples = new ArrayList<>();
        perFork.forEach(samples::addAll);
        Map<String, Object> settings = new LinkedHashMap<>(first.settings());
        settings.put("forks", perFork.size());
        // a worker that ran elsewhere in any added fork is as much a problem as one in the first
        List<Object> problems = new ArrayList<>();
        for (JmhInvocation.Outcome o : ok) {
            if (o.whole().settings().get("placementProblems") instanceof List<?> l) {
                problems.addAll(l);
            }
        }
        if (!problems.isEmpty()) {
            settings.put("placementProblems", problems);
        }
        Map<String, SecondaryMetric> secondary = new LinkedHashMap<>(first.secondary());
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (List<Map<String, SecondaryMetric>> fork : secondaryPerFork) {
            for (Map<String, SecondaryMetric> it : fork) {
                it.forEach((name, m) -> {
                    if (m.score() != null) {
                        double[] acc = sums.computeIfAbsent(name, x -> new double[2]);
                        acc[0] += m.score();
                        acc[1]++;
                        units.put(name, m.unit());
                    }
                });
            }
        }
        sums.forEach((name, acc) -> secondary.put(name,
                new SecondaryMetric(name.endsWith(".events") ? acc[0] : acc[0] / acc[1], units.get(name))));
        IterationFlags.mark(secondaryPerFork, secondary, settings);
        // JMH's own error covered the planned run only; pooledHalfWidth gives its method over all
        InvocationResult whole = first.toBuilder().scoreError(null).ci(null).samples(samples).end(ok.get(ok.size() - 1).whole().end())
                .secondary(secondary).settings(settings).build();
        double seconds = ok.stream().mapToDouble(JmhInvocation.Outcome::seconds).sum();
        // the sweep points keep the planned run's placement: added forks run on the same CPUs
        return new JmhInvocation.Outcome(whole, perFork, secondaryPerFork, ok.get(0).jmhEntries(), "", seconds,
                ok.get(0).pointPlacement());
    }
}
