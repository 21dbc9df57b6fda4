package org.assay.harness.execution;

import org.assay.analysis.PrecisionTarget;
import org.assay.harness.plan.PlanEntry;
import org.assay.results.BundleFormat;
import org.assay.results.InvocationResult;
import org.assay.results.SecondaryMetric;
import org.assay.results.Status;
import org.assay.workloads.MeasurementSettings;
import org.assay.workloads.ScalingLadder;
import org.assay.workloads.Workload;
import org.assay.workloads.Workloads;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The precision loop on recorded runs: synthetic samples, a fixed cost per run, no JVM started. */
class PrecisionLoopTest {

    private static final Workload W = Workloads.byId("cpu.primes.millerrabin").orElseThrow();
    /** 1 fork x (1 warm-up + 3 measured) x 1 s */
    private static final MeasurementSettings ONE_FORK = new MeasurementSettings(1, 1, 1000, 3, 1000);
    private static final double T1 = Math.tan(Math.PI * (0.9995 - 0.5));
    private static final double T2 = (2 * 0.9995 - 1) / Math.sqrt(2 * 0.9995 * 0.0005);

    private static PlanEntry entry() {
        return new PlanEntry(W, W.testParams(), 1, List.of(0), ONE_FORK, 5, ScalingLadder.Step.count(1));
    }

    /** A successful run of the given forks, taking {@code seconds}. */
    static JmhInvocation.Outcome run(double seconds, List<List<Double>> forks) {
        return run(W, seconds, forks, List.of());
    }

    static JmhInvocation.Outcome run(Workload w, double seconds, List<List<Double>> forks, List<String> problems) {
        List<Double> all = new ArrayList<>();
        forks.forEach(all::addAll);
        List<List<Map<String, SecondaryMetric>>> secondary = new ArrayList<>();
        for (List<Double> f : forks) {
            List<Map<String, SecondaryMetric>> its = new ArrayList<>();
            f.forEach(x -> its.add(Map.of()));
            secondary.add(its);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("harness", "jmh");
        settings.put("forks", forks.size());
        if (!problems.isEmpty()) {
            settings.put("placementProblems", problems);
        }
        InvocationResult whole = InvocationResult.builder().invocationId(w.id() + "[threads=1]")
                .workload(w.id()).metric(w.id()).threads(1).unit(w.unit()).higherIsBetter(w.higherIsBetter())
                .score(all.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).scoreError(0.1)
                .samples(all).status(Status.ok).settings(settings).secondary(Map.of())
                .start("2026-12-02T10:00:00Z").end("2026-12-02T10:00:05Z").build();
        return new JmhInvocation.Outcome(whole, forks, secondary, BundleFormat.mapper().createArrayNode(), "log\n",
                seconds);
    }

    /** Hands out the recorded runs in order and notes the settings each was asked for. */
    private static final class Recorded implements PrecisionLoop.Runner {
        final Deque<JmhInvocation.Outcome> next = new ArrayDeque<>();
        final List<MeasurementSettings> asked = new ArrayList<>();

        @Override
        public JmhInvocation.Outcome run(PlanEntry e) {
            asked.add(e.settings());
            return next.removeFirst();
        }
    }

    @Test
    void forksAreAddedUntilTheTargetIsReached() throws Exception {
        Recorded r = new Recorded();
        // fork means 100.01 and 99.99 after the first added fork: 636.6 x 0.01414 / 1.414 = 6.4% > 1%;
        // then 100: means 100.01, 99.99, 100 -> sd 0.01, 31.6 x 0.01 / sqrt(3) = 0.18% <= 1%
        r.next.add(run(5, List.of(List.of(99.99, 99.99, 99.99))));
        r.next.add(run(5, List.of(List.of(100.0, 100.0, 100.0))));
        List<JmhInvocation.Outcome> runs = new ArrayList<>(List.of(run(5, List.of(List.of(100.01, 100.01, 100.01)))));
        Map<String, Object> fields = PrecisionLoop.extend(r, entry(), new PrecisionGoal(0.01, 60.0).target(entry()), runs);

        assertEquals(3, runs.size());
        assertEquals(2, r.asked.size());
        for (MeasurementSettings s : r.asked) {
            assertEquals(1, s.forks(), "each added run is one more JVM");
            assertEquals(3, s.measurementIterations(), "no within-fork noise here: the planned iterations");
        }
        assertEquals("reached: half-width 0.18% <= 1.0% after 3 iterations x 3 forks", fields.get("precision"));
        assertEquals(0.01, fields.get("target"));
        assertEquals(60.0, fields.get("maxSeconds"));

        List<InvocationResult> rs = MeasuredInvocation.results(entry(), runs, fields);
        assertEquals(1, rs.size());
        InvocationResult res = rs.get(0);
        assertEquals(100.0, res.score(), 1e-9);
        assertEquals(T2 * 0.01 / Math.sqrt(3), res.scoreError(), 1e-9);
        assertEquals(List.of(100.0 - res.scoreError(), 100.0 + res.scoreError()), res.ci());
        assertEquals(9, res.samples().size(), "every iteration of every run is kept");
        assertEquals("fork-means", res.interval().get("method"));
        assertEquals(3, res.interval().get("forks"));
        assertEquals(List.of(3, 3, 3), res.interval().get("iterationsPerFork"));
        assertEquals(3, res.settings().get("forks"), "the real fork count");
        assertNull(res.interval().get("jmhScoreError"), "JMH's figure covered the planned run only");
        assertEquals("2026-12-02T10:00:05Z", res.end());
    }

    @Test
    void theBudgetStopsTheLoopAndTheResultSaysSo() throws Exception {
        Recorded r = new Recorded();
        r.next.add(run(5, List.of(List.of(110.0, 110.0, 110.0))));
        List<JmhInvocation.Outcome> runs = new ArrayList<>(List.of(run(5, List.of(List.of(90.0, 90.0, 90.0)))));
        // each fork costs 5 s: 2 s besides its 3 x 1 s; the budget of 12 s allows one added fork
        Map<String, Object> fields = PrecisionLoop.extend(r, entry(), new PrecisionTarget(0.01, 12), runs);
        assertEquals(2, runs.size());
        // means 90 and 110: 636.6 x 14.14 / 1.414 = 6366 = 6366% of 100
        assertEquals("not reached: budget spent (10 s of 12 s, another fork needs ~5 s), half-width 6366% "
                + "after 3 iterations x 2 forks", fields.get("precision"));
        InvocationResult res = MeasuredInvocation.results(entry(), runs, fields).get(0);
        assertEquals(100.0, res.score(), 1e-9);
        assertEquals(T1 * Math.sqrt(200) / Math.sqrt(2), res.scoreError(), 1e-6);
    }

    @Test
    void withoutATargetTheRunIsAsPlannedAndTheIntervalWithinOneFork() {
        List<JmhInvocation.Outcome> runs = List.of(run(5, List.of(List.of(10.0, 12.0, 14.0))));
        InvocationResult res = MeasuredInvocation.results(entry(), runs, PrecisionLoop.none()).get(0);
        assertEquals("within-fork", res.interval().get("method"));
        assertEquals(1, res.interval().get("forks"));
        assertEquals(0.1, res.interval().get("jmhScoreError"));
        assertEquals(T2 * 2 / Math.sqrt(3), res.scoreError(), 1e-9);
        assertTrue(res.interval().containsKey("precision"));
        assertNull(res.interval().get("precision"));
        assertEquals(false, res.disturbed().get("applied"), "3 iterations are too few to mark any");
    }

    @Test
    void aFailedAddedForkEndsTheLoopAndContributesNothing() throws Exception {
        Recorded r = new Recorded();
        JmhInvocation.Outcome ok = run(5, List.of(List.of(100.0, 101.0, 99.0)));
        InvocationResult failed = ok.whole().asFailed("fork crashed: SIGSEGV");
        r.next.add(new JmhInvocation.Outcome(failed, List.of(), List.of(), ok.jmhEntries(), "", 1));
        List<JmhInvocation.Outcome> runs = new ArrayList<>(List.of(ok));
        Map<String, Object> fields = PrecisionLoop.extend(r, entry(), new PrecisionTarget(0.01, 60), runs);
        assertTrue(String.valueOf(fields.get("precision")).startsWith(
                "not reached: an added fork failed (fork crashed: SIGSEGV)"), String.valueOf(fields.get("precision")));
        InvocationResult res = MeasuredInvocation.results(entry(), runs, fields).get(0);
        assertEquals(Status.ok, res.status());
        assertEquals(3, res.samples().size());
    }

    @Test
    void aSweepIsReachedOnlyWhenEveryPointIsAndEachPointGetsItsOwnInterval() throws Exception {
        Workload chase = Workloads.byId("memory.latency.chase").orElseThrow();
        // two points (4 KiB, 1 MiB) in rotation, 3 rounds: 6 iterations of 0.5 s per fork
        PlanEntry e = new PlanEntry(chase, chase.testParams(), 1, List.of(0), new MeasurementSettings(1, 2, 100, 6, 500), 5, ScalingLadder.Step.count(1));
        assertEquals(2, chase.sweepPoints(chase.testParams()).size());
        Recorded r = new Recorded();
        r.next.add(run(chase, 5, List.of(List.of(1.001, 10.5, 1.001, 10.5, 1.001, 10.5)), List.of("worker 0 ran on CPU 1")));
        r.next.add(run(chase, 5, List.of(List.of(0.999, 9.5, 0.999, 9.5, 0.999, 9.5)), List.of()));
        List<JmhInvocation.Outcome> runs = new ArrayList<>(List.of(
                run(chase, 5, List.of(List.of(1.0, 10.0, 1.0, 10.0, 1.0, 10.0)), List.of())));
        // a fork costs 2 s + 6 x 0.5 s = 5 s: after 2 forks 10 + 5 <= 16, after 3 forks 15 + 5 > 16
        Map<String, Object> fields = PrecisionLoop.extend(r, e, new PrecisionTarget(0.02, 16), runs);
        assertEquals(3, runs.size());
        for (MeasurementSettings s : r.asked) {
            assertEquals(6, s.measurementIterations(), "an added fork runs the whole sweep as planned");
        }
        // point 0: means 1, 1.001, 0.999 -> 31.6 x 0.001 / sqrt(3) = 1.8% of 1: reached on its own;
        // point 1: means 10, 10.5, 9.5 -> 31.6 x 0.5 / sqrt(3) = 9.12 = 91% of 10: not reached
        assertEquals("not reached: budget spent (15 s of 16 s, another fork needs ~5 s), half-width 91% after "
                + "3 iterations x 3 forks (the widest of 2 sweep points)", fields.get("precision"));
        List<InvocationResult> rs = MeasuredInvocation.results(e, runs, fields);
        assertEquals(2, rs.size());
        InvocationResult p0 = rs.get(0);
        InvocationResult p1 = rs.get(1);
        assertEquals(4096L, ((Number) p0.params().get("workingSetBytes")).longValue());
        assertEquals(1.0, p0.score(), 1e-12);
        assertEquals(T2 * 0.001 / Math.sqrt(3), p0.scoreError(), 1e-9);
        assertEquals(List.of(1.0, 1.0, 1.0, 1.001, 1.001, 1.001, 0.999, 0.999, 0.999), p0.samples());
        assertEquals(List.of(3, 3, 3), p0.interval().get("iterationsPerFork"));
        assertEquals(10.0, p1.score(), 1e-12);
        assertEquals(T2 * 0.5 / Math.sqrt(3), p1.scoreError(), 1e-9);
        assertEquals(List.of("worker 0 ran on CPU 1"), p1.settings().get("placementProblems"),
                "a placement problem of an added fork is kept");
    }
}
