package org.assay.harness.execution;

import org.assay.analysis.ForkAwareInterval;
import org.assay.analysis.PrecisionTarget;
import org.assay.harness.derived.IntervalResults;
import org.assay.harness.plan.PlanEntry;
import org.assay.workloads.MeasurementSettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures an invocation towards a {@link PrecisionTarget}: after the planned JMH run, while the
 * fork-aware interval is wider than the target and the budget allows another fork, one more JMH
 * run of a single fork (a new JVM: exactly what the between-fork variance needs), its iteration
 * count as {@link PrecisionTarget#decide} chooses. The runs' samples are merged by
 * {@link MeasuredInvocation}.
 *
 * <p>Time is counted as the runs' own wall time, so the budget means the same in a test with
 * recorded runs as in a real one.
 */
final class PrecisionLoop {

    /** Runs one JMH invocation; {@link JmhInvocation#run} in a real run. */
    interface Runner {
        JmhInvocation.Outcome run(PlanEntry entry) throws IOException;
    }

    private PrecisionLoop() {
    }

    /**
     * Adds runs to {@code runs} (which holds the planned one) and returns the fields the results'
     * {@code interval} gets: {@code target}, {@code maxSeconds} and {@code precision}.
     */
    static Map<String, Object> extend(Runner runner, PlanEntry e, PrecisionTarget target,
                                      List<JmhInvocation.Outcome> runs) throws IOException {
        String outcome = loop(runner, e, target, runs);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target", target.fraction());
        fields.put("maxSeconds", target.maxSeconds());
        fields.put("precision", outcome);
        return fields;
    }

    /** The fields of a result measured without a target: present, and null. */
    static Map<String, Object> none() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("target", null);
        fields.put("maxSeconds", null);
        fields.put("precision", null);
        return fields;
    }

    private static String loop(Runner runner, PlanEntry e, PrecisionTarget target, List<JmhInvocation.Outcome> runs)
            throws IOException {
        JmhInvocation.Outcome first = runs.get(0);
        if (!first.ok()) {
            return "not reached: the planned run failed";
        }
        MeasurementSettings m = e.settings();
        int points = Math.max(1, e.workload().sweepPoints(e.params()).size());
        int planned = m.measurementIterations();
        double iterationSeconds = m.measurementMillis() / 1000.0;
        double forkSeconds = Math.max(0, first.seconds() / m.forks() - planned * iterationSeconds);
        while (true) {
            List<List<Double>> perFork = MeasuredInvocation.perFork(runs);
            double elapsed = runs.stream().mapToDouble(JmhInvocation.Outcome::seconds).sum();
            PrecisionTarget.Decision d = points == 1
                    ? target.decide(perFork, elapsed, forkSeconds, iterationSeconds, planned)
                    : sweepDecision(target, perFork, points, elapsed, forkSeconds, iterationSeconds, planned);
            if (d.verdict() != PrecisionTarget.Verdict.CONTINUE) {
                return d.outcome();
            }
            MeasurementSettings more = new MeasurementSettings(1, m.warmupIterations(), m.warmupMillis(),
                    d.nextIterations(), m.measurementMillis());
            JmhInvocation.Outcome o = runner.run(new PlanEntry(e.workload(), e.params(), e.threads(), e.cpus(), more,
                    forkSeconds + d.nextIterations() * iterationSeconds, e.step()));
            runs.add(o);
            if (!o.ok()) {
                return "not reached: an added fork failed (" + o.whole().reason() + "), half-width "
                        + PrecisionTarget.percent(ForkAwareInterval.of(perFork).relativeHalfWidth()) + " after "
                        + PrecisionTarget.shape(ForkAwareInterval.of(perFork));
            }
            forkSeconds = Math.max(0, o.seconds() - d.nextIterations() * iterationSeconds);
        }
    }

    /**
     * A sweep measures its points in rotation, so a fork serves all of them: reached when every
     * point is, stopped when the budget is spent, and otherwise one more fork as planned (its
     * iteration count stays a multiple of the points). The outcome is the widest point's.
     */
    private static PrecisionTarget.Decision sweepDecision(PrecisionTarget target, List<List<Double>> perFork,
                                                          int points, double elapsed, double forkSeconds,
                                                          double iterationSeconds, int planned) {
        List<PrecisionTarget.Decision> decisions = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        for (int j = 0; j < points; j++) {
            List<List<Double>> p = IntervalResults.point(perFork, j, points);
            // one more fork costs the whole sweep's iterations, whichever point needs it
            decisions.add(target.decide(p, elapsed, forkSeconds + planned * iterationSeconds, 0, planned / points));
            double w = ForkAwareInterval.of(p).relativeHalfWidth();
            widths.add(Double.isNaN(w) ? Double.MAX_VALUE : w);
        }
        boolean allReached = decisions.stream().allMatch(d -> d.verdict() == PrecisionTarget.Verdict.REACHED);
        boolean spent = decisions.stream().anyMatch(d -> d.verdict() == PrecisionTarget.Verdict.NOT_REACHED);
        if (allReached || spent) {
            int widest = -1;
            for (int j = 0; j < points; j++) {
                boolean counts = allReached || decisions.get(j).verdict() == PrecisionTarget.Verdict.NOT_REACHED;
                if (counts && (widest < 0 || widths.get(j) > widths.get(widest))) {
                    widest = j;
                }
            }
            PrecisionTarget.Decision d = decisions.get(widest);
            return new PrecisionTarget.Decision(d.verdict(), 0, d.outcome() + " (the widest of " + points
                    + " sweep points)");
        }
        return new PrecisionTarget.Decision(PrecisionTarget.Verdict.CONTINUE, planned, null);
    }
}
