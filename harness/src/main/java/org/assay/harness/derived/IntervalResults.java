package org.assay.harness.derived;

import org.assay.analysis.DisturbedIterations;
import org.assay.analysis.ForkAwareInterval;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives a measured result its headline interval and its disturbed-iteration marks from the
 * samples per fork: score = mean of the fork means, {@code scoreError} and {@code ci} from
 * {@link ForkAwareInterval}, the method and JMH's pooled figure in {@code interval}, and
 * {@link DisturbedIterations}'s findings in {@code disturbed}. The samples themselves are never
 * changed: a disturbed iteration stays in them and in the score, which is also given without it.
 */
public final class IntervalResults {

    private IntervalResults() {
    }

    /**
     * @param precision the precision target's fields ({@code target}, {@code maxSeconds},
     *                  {@code precision}), merged into {@code interval}; empty when none was set
     */
    public static InvocationResult apply(InvocationResult r, List<List<Double>> perFork,
                                         List<List<Map<String, SecondaryMetric>>> secondaryPerFork,
                                         Map<String, Object> precision) {
        if (r.status() != Status.ok || perFork.stream().allMatch(List::isEmpty)) {
            return r;
        }
        ForkAwareInterval iv = ForkAwareInterval.of(perFork);
        Map<String, Object> interval = new LinkedHashMap<>(iv.toMap());
        interval.put("jmhScoreError", r.scoreError());
        interval.put("pooledHalfWidth", finite(ForkAwareInterval.pooledHalfWidth(perFork)));
        interval.putAll(precision);
        boolean known = Double.isFinite(iv.halfWidth());
        return r.toBuilder().score(iv.mean()).scoreError(known ? iv.halfWidth() : null)
                .ci(known ? List.of(iv.low(), iv.high()) : null)
                .interval(interval)
                .disturbed(DisturbedIterations.find(perFork, secondaryPerFork).toMap())
                .build();
    }

    /**
     * Point {@code j} of a sweep of {@code n} points, fork by fork: iteration k of every fork
     * belongs to point {@code k mod n} (see {@link SweepResults}).
     */
    public static <T> List<List<T>> point(List<List<T>> perFork, int j, int n) {
        List<List<T>> out = new ArrayList<>(perFork.size());
        for (List<T> fork : perFork) {
            List<T> mine = new ArrayList<>();
            for (int k = j; k < fork.size(); k += n) {
                mine.add(fork.get(k));
            }
            out.add(mine);
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
