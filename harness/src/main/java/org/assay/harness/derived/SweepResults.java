package org.assay.harness.derived;

import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.openjdk.jmh.util.ListStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the result of a sweep invocation (several parameter points measured in one fork, in
 * rotation: measurement iteration k of each fork belongs to point {@code k mod n}) into one
 * result per point, each with its own samples, mean and 99.9% interval (Student's t, as JMH
 * computes them). The point's params replace the sweep's; the sweep's settings are kept and
 * name the sweep, so the bundle says how the point was measured.
 */
public final class SweepResults {

    private SweepResults() {
    }

    /**
     * @param whole  the invocation's result as JMH scored it (over all points: not reported)
     * @param points each point's params, in rotation order
     * @param forks  per fork, the measurement samples in iteration order, already in the unit
     * @param secondaryForks per fork and iteration, JMH's secondary results (aux counters,
     *               profilers): each point gets the mean over its own iterations, so a figure
     *               measured alongside (the load bandwidth of the loaded chase) stays with its point
     */
    public static List<InvocationResult> split(InvocationResult whole, List<Map<String, Object>> points,
                                        List<List<Double>> forks,
                                        List<List<Map<String, SecondaryMetric>>> secondaryForks) {
        if (whole.status() != Status.ok) {
            return List.of(whole);
        }
        int n = points.size();
        List<InvocationResult> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            List<Double> samples = new ArrayList<>();
            for (List<Double> fork : forks) {
                for (int k = j; k < fork.size(); k += n) {
                    samples.add(fork.get(k));
                }
            }
            Map<String, Object> params = points.get(j);
            Map<String, Object> settings = new LinkedHashMap<>(whole.settings());
            settings.put("sweep", whole.invocationId());
            settings.put("sweepPoint", j);
            settings.put("sweepPoints", n);
            out.add(point(whole, params, samples, settings, secondaryOf(whole, j, n, secondaryForks)));
        }
        return out;
    }

    /** The whole invocation's secondaries, with the per-iteration ones replaced by this point's mean. */
    private static Map<String, SecondaryMetric> secondaryOf(InvocationResult whole, int j, int n,
                                                            List<List<Map<String, SecondaryMetric>>> forks) {
        Map<String, SecondaryMetric> out = new LinkedHashMap<>(whole.secondary() == null ? Map.of() : whole.secondary());
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (List<Map<String, SecondaryMetric>> fork : forks) {
            for (int k = j; k < fork.size(); k += n) {
                fork.get(k).forEach((name, m) -> {
                    if (m.score() != null) {
                        double[] acc = sums.computeIfAbsent(name, x -> new double[2]);
                        acc[0] += m.score();
                        acc[1]++;
                        units.put(name, m.unit());
                    }
                });
            }
        }
        sums.forEach((name, acc) -> out.put(name, new SecondaryMetric(acc[0] / acc[1], units.get(name))));
        return out;
    }

    private static InvocationResult point(InvocationResult whole, Map<String, Object> params, List<Double> samples,
                                          Map<String, Object> settings, Map<String, SecondaryMetric> secondary) {
        String id = id(whole.metric(), params, whole.threads());
        if (samples.isEmpty()) {
            return whole.toBuilder().invocationId(id).params(params).score(null).scoreError(null).ci(null)
                    .samples(List.of()).status(Status.failed).reason("the sweep measured no iteration for this point")
                    .secondary(secondary).settings(settings).build();
        }
        ListStatistics stats = new ListStatistics(samples.stream().mapToDouble(Double::doubleValue).toArray());
        double[] ci = stats.getConfidenceIntervalAt(0.999);
        List<Double> interval = Double.isFinite(ci[0]) && Double.isFinite(ci[1]) ? List.of(ci[0], ci[1]) : null;
        return whole.toBuilder().invocationId(id).params(params).score(stats.getMean())
                .scoreError(stats.getMeanErrorAt(0.999)).ci(interval).samples(samples).status(Status.ok).reason(null)
                .secondary(secondary).settings(settings).build();
    }

    static String id(String metric, Map<String, Object> params, int threads) {
        StringBuilder id = new StringBuilder(metric).append('[');
        params.forEach((k, v) -> id.append(k).append('=').append(v).append(','));
        return id.append("threads=").append(threads).append(']').toString();
    }
}
